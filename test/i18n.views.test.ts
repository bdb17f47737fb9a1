/**
 * No user-visible English outside the catalogue: the text between tags and the visible
 * attributes (aria-label, title, alt, placeholder) in every `html` template of the views and
 * routes, and the string literals in views that read as English words, must come from a
 * translator (`t`, `rich`). A line that is not interface text (a CSS class that happens to read
 * as a word, a brand) is marked `// i18n-ignore` at its end or on the line above.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const roots = ['src/views', 'src/http/routes'];

/**
 * Files still being moved into the catalogue (this list only ever shrinks; the issue is done
 * when it is empty).
 */
const pending = new Set<string>([]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const visibleAttribute = /\b(aria-label|aria-description|title|alt|placeholder)="([^"$]*)"/g;
const wordy = /[A-Za-z]{2,}/;

/** The English a template's fixed parts show, one finding per piece. */
function templateEnglish(parts: string[]): string[] {
  const joined = parts
    .join('\u0000')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
  const found: string[] = [];
  for (const [, , value] of joined.matchAll(visibleAttribute)) {
    for (const piece of (value ?? '').split('\u0000')) if (wordy.test(piece)) found.push(piece);
  }
  // Text between tags: drop tags (their attributes are not text) and entities.
  const text = joined.replace(/<[^>]*>/g, '\u0000').replace(/&[#a-zA-Z0-9]+;/g, ' ');
  for (const piece of text.split('\u0000')) {
    const trimmed = piece.trim();
    // An attribute written across interpolations (`class="${a} b"`) is markup, not text.
    if (wordy.test(trimmed) && !/="|^"|^-?[a-z][\w-]*=?$/.test(trimmed)) found.push(trimmed);
  }
  return found;
}

/** A string literal that reads as interface text: a capitalised word, or words and spaces. */
function readsAsEnglish(text: string): boolean {
  if (!wordy.test(text)) return false;
  if (/[<>{}=;()]/.test(text)) return false; // markup and code
  if (/^[a-z0-9_.:/#?=&%+@-]*$/.test(text)) return false; // ids, classes, paths, keys
  if (/^[a-z][\w-]*( [a-z][\w-]*)*$/.test(text) && !/ /.test(text)) return false;
  if (/^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$/.test(text) && text.includes('-')) {
    return false; // a list of CSS classes
  }
  return /^[A-Z][a-z]/.test(text) || /[a-z]+ [a-z]+/.test(text);
}

function findings(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lines = source.split('\n');
  const ignored = (node: ts.Node): boolean => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    return /i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '');
  };
  const out: string[] = [];
  const where = (node: ts.Node) =>
    `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(sf) === 'html') {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t.text]
        : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
      if (!ignored(node)) {
        for (const piece of templateEnglish(parts))
          out.push(`${where(node)} ${JSON.stringify(piece)}`);
      }
      if (!ts.isNoSubstitutionTemplateLiteral(t))
        t.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    if (
      file.startsWith('src/views') &&
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isExportDeclaration(node.parent) &&
      !ts.isLiteralTypeNode(node.parent) &&
      // A schema.org type in structured data ('@type': 'NewsArticle') is a name, not text.
      !(
        ts.isPropertyAssignment(node.parent) &&
        node.parent.initializer === node &&
        node.parent.name.getText(sf).replace(/['"]/g, '') === '@type'
      ) &&
      !(
        ts.isCallExpression(node.parent) && /\b(t|rich)$/.test(node.parent.expression.getText(sf))
      ) &&
      readsAsEnglish(node.text) &&
      !ignored(node)
    ) {
      out.push(`${where(node)} ${JSON.stringify(node.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('interface text comes from the catalogue', () => {
  const files = roots.flatMap((root) => walk(root)).sort();

  it('finds the views and routes', () => {
    assert.ok(files.length > 50, `only ${files.length} files`);
  });

  it('no view or route shows English of its own', () => {
    const found = files.filter((f) => !pending.has(f)).flatMap(findings);
    assert.deepEqual(found, [], 'English outside the catalogue (use ctx.i18n.t)');
  });

  it('the check catches English in a template and in a string (positive control)', () => {
    assert.deepEqual(templateEnglish(['<p>Sign in to comment</p>']), ['Sign in to comment']);
    assert.deepEqual(templateEnglish(['<button aria-label="Close">', '</button>']), ['Close']);
    assert.deepEqual(templateEnglish(['<p class="note">', '</p>']), []);
    assert.equal(readsAsEnglish('Sections'), true);
    assert.equal(readsAsEnglish('bs-comment comment--own'), false);
    assert.equal(readsAsEnglish('application/ld+json'), false);
  });

  it('the pending list names only files that exist and still have English', () => {
    for (const file of pending) {
      assert.ok(files.includes(file), `${file} is not a view or route`);
      assert.ok(findings(file).length > 0, `${file} has no English left: take it off the list`);
    }
  });
});
