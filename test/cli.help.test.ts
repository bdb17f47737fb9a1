/** Every command's --help (issue 18): answers 0, says how to use that command, ends a line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const cases: [string[], RegExp][] = [
  [['user', '--help'], /^Usage: broadsheet user create --email EMAIL --name NAME --role ROLE\n/],
  [['user', '-h'], /^Usage: broadsheet user create/],
  [['user'], /^Usage: broadsheet user create/],
  [['user', 'create', '--help'], /ROLE is one of commenter, author, editor, moderator, admin/],
  [['token', '--help'], /^Usage: broadsheet token create --email EMAIL \[--label LABEL\]\n/],
  [['token', 'create', '--help'], /Authorization: Bearer TOKEN/],
  [['serve', '--help'], /^Usage: broadsheet serve\n/],
  [['migrate', '--help'], /^Usage: broadsheet migrate\n/],
  [['export', '--help'], /^Usage: broadsheet export FILE\n/],
  [['restore', '--help'], /^Usage: broadsheet restore FILE\n/],
  [['import', '--help'], /^Usage: broadsheet import wxr FILE\n\s+broadsheet import disqus FILE\n/],
  [['demo', '--help'], /^Usage: broadsheet demo load\n\s+broadsheet demo remove \[--yes\]\n/],
  [['demo', 'remove', '--help'], /--yes: without asking/],
  [['section', '--help'], /^Usage: broadsheet section list\n/],
  [['--help'], /^Usage: broadsheet <command> \[options\]\n[\s\S]*METRICS_TOKEN/],
];

test('every command and subcommand answers --help completely, ending with a newline', async () => {
  for (const [args, expected] of cases) {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DEMO: '0', LOG_LEVEL: 'silent' } },
    );
    const label = `broadsheet ${args.join(' ')}`;
    assert.equal(stderr, '', label);
    assert.match(stdout, expected, label);
    assert.ok(stdout.endsWith('\n') && !stdout.endsWith('\n\n\n'), `${label} ends with a newline`);
  }
});
