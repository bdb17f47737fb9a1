/** loadConfig: the defaults, and a one-line refusal naming the variable for every bad value. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';

const cwd = path.resolve('/srv/broadsheet');

describe('loadConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadConfig({}, cwd);
    assert.deepEqual(
      { ...config },
      {
        port: 3000,
        host: 'localhost',
        dataDir: path.join(cwd, 'data'),
        databaseUrl: null,
        baseUrl: 'http://localhost:3000',
        smtpUrl: null,
        demo: true,
        logLevel: 'info',
        trustProxy: false,
        workers: 1,
        pageCacheMb: 64,
        liveStreamsPerClient: 20,
        imageMaxMb: 10,
        imageMaxMegapixels: 50,
        importMaxMb: 512,
        metricsToken: null,
        redisUrl: null,
        drainSeconds: 10,
        imageStore: { kind: 'folder', dir: path.join(cwd, 'data', 'images') },
        s3Endpoint: null,
        s3Region: 'us-east-1',
        s3AccessKeyId: null,
        s3SecretAccessKey: null,
        s3ForcePathStyle: false,
        imageDelivery: 'proxy',
        webhooksAllowPrivate: false,
        insights: true,
      },
    );
  });

  test('blank values count as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '  ', DATABASE_URL: '', DEMO: ' ' }, cwd);
    assert.equal(config.port, 3000);
    assert.equal(config.host, 'localhost');
    assert.equal(config.databaseUrl, null);
    assert.equal(config.demo, true);
  });

  test('good values are read', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/news',
        DATABASE_URL: 'postgres://news:secret@db.internal:5432/news',
        BASE_URL: 'https://news.example.org',
        SMTP_URL: 'smtps://mailer:pw@mail.example.org:465',
        DEMO: '0',
        LOG_LEVEL: 'warn',
        WORKERS: '4',
        LIVE_STREAMS_PER_CLIENT: '2000',
        IMAGE_MAX_MB: '25',
        IMAGE_MAX_MEGAPIXELS: '80',
      },
      cwd,
    );
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, path.join(cwd, 'var/news'));
    assert.equal(config.databaseUrl, 'postgres://news:secret@db.internal:5432/news');
    assert.equal(config.baseUrl, 'https://news.example.org');
    assert.equal(config.smtpUrl, 'smtps://mailer:pw@mail.example.org:465');
    assert.equal(config.demo, false);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.workers, 4);
    assert.equal(config.liveStreamsPerClient, 2000);
    assert.equal(config.imageMaxMb, 25);
    assert.equal(config.imageMaxMegapixels, 80);
    assert.equal(loadConfig({ DATA_DIR: '/abs/data' }, cwd).dataDir, path.resolve('/abs/data'));
    assert.equal(loadConfig({ DEMO: '1' }, cwd).demo, true);
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgresql://localhost/news' }, cwd).databaseUrl,
      'postgresql://localhost/news',
    );
  });

  test('BASE_URL loses its trailing slash; without it, HOST and PORT make the default', () => {
    assert.equal(
      loadConfig({ BASE_URL: 'https://example.org/' }, cwd).baseUrl,
      'https://example.org',
    );
    assert.equal(
      loadConfig({ BASE_URL: 'https://example.org/news//' }, cwd).baseUrl,
      'https://example.org/news',
    );
    assert.equal(
      loadConfig({ HOST: '127.0.0.1', PORT: '8080' }, cwd).baseUrl,
      'http://127.0.0.1:8080',
    );
    assert.equal(loadConfig({ HOST: '::1', PORT: '8080' }, cwd).baseUrl, 'http://[::1]:8080');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }, cwd).baseUrl, 'http://localhost:3000');
  });

  test('TRUST_PROXY is a list of addresses and ranges', () => {
    assert.deepEqual(
      loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16 ,::1,fd00::/8,loopback,' }, cwd)
        .trustProxy,
      ['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback'],
    );
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1' }, cwd).trustProxy, ['127.0.0.1']);
  });

  test('the result is frozen, lists included', () => {
    const config = loadConfig({ TRUST_PROXY: '10.0.0.1' }, cwd);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.trustProxy));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
    assert.equal(config.port, 3000);
  });

  const bad: [variable: string, value: string, problem: RegExp][] = [
    ['PORT', 'abc', /whole number.*"abc"/],
    ['PORT', '70000', /between 0 and 65535.*70000/],
    ['PORT', '-1', /whole number/],
    ['PORT', '80.5', /whole number/],
    ['DATABASE_URL', 'mysql://x', /postgres:\/\/.*"mysql:\/\/x"/],
    ['DATABASE_URL', 'not a url', /not a valid URL/],
    ['BASE_URL', 'notaurl', /not a valid URL.*"notaurl"/],
    ['BASE_URL', 'ftp://example.org', /http:\/\/ or https:\/\//],
    ['BASE_URL', 'https://example.org/?edition=uk', /query or fragment/],
    ['LOG_LEVEL', 'loud', /one of fatal, error, warn, info, debug, trace, silent.*"loud"/],
    ['DEMO', 'maybe', /1 or 0.*"maybe"/],
    ['WORKERS', '0', /between 1 and 64.*0/],
    ['WORKERS', 'many', /whole number/],
    ['LIVE_STREAMS_PER_CLIENT', '0', /between 1 and 100000.*0/],
    ['IMAGE_MAX_MB', '0', /between 1 and 200.*0/],
    ['IMAGE_MAX_MB', '2.5', /whole number/],
    ['IMAGE_MAX_MEGAPIXELS', '5000', /between 1 and 1000/],
    ['SMTP_URL', 'http://x', /smtp:\/\/ or smtps:\/\/.*"http:\/\/x"/],
    ['REDIS_URL', 'http://cache:6379', /redis:\/\/ or rediss:\/\/.*"http:\/\/cache:6379"/],
    ['TRUST_PROXY', 'yes-please', /IP addresses or CIDR ranges.*"yes-please"/],
    ['TRUST_PROXY', '10.0.0.0/33', /"10\.0\.0\.0\/33"/],
  ];
  for (const [variable, value, problem] of bad) {
    test(`${variable}=${value} is refused in one line naming ${variable}`, () => {
      assert.throws(
        () => loadConfig({ [variable]: value }, cwd),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
          assert.equal(error.variable, variable);
          assert.ok(error.message.startsWith(`${variable}: `), error.message);
          assert.match(error.message, problem);
          assert.ok(!error.message.includes('\n'), 'one line');
          return true;
        },
      );
    });
  }

  test('a refusal stays on one line and never repeats a password', () => {
    assert.throws(
      () => loadConfig({ PORT: '30\n00' }, cwd),
      (error: Error) => !error.message.includes('\n') && /^PORT: /.test(error.message),
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://news:hunter2@db/news' }, cwd),
      (error: Error) =>
        error.message.startsWith('DATABASE_URL: ') && !error.message.includes('hunter2'),
    );
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://mailer:hunter2@mail' }, cwd),
      (error: Error) => !error.message.includes('hunter2'),
    );
  });
});
