import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachinePolicy, parsePolicy } from '../../electron/main/config/policy';

const root = join(import.meta.dirname, '../..');

/** Every fenced ```json block of a Markdown file, with the line it starts on. */
function jsonBlocks(file: string): { line: number; text: string }[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: { line: number; text: string }[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index]!.trim() === '```json') {
      const end = lines.indexOf('```', index + 1);
      blocks.push({ line: index + 1, text: lines.slice(index + 1, end).join('\n') });
      index = end;
    }
  }
  return blocks;
}

const documents = ['docs/deploying.md', 'docs/policy.md'];

describe.each(documents)('policy examples in %s', (document) => {
  const blocks = jsonBlocks(document);

  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [block.line, block.text] as const))(
    'the example at line %i parses with the console policy loader',
    (_line, text) => {
      const parsed = parsePolicy(text, document);
      expect(parsed.ok ? null : parsed.problem).toBeNull();
    },
  );
});

describe('docs/deploying.md', () => {
  it('shows every policy field in an example', () => {
    const shown = new Set(
      jsonBlocks('docs/deploying.md').flatMap((block) => Object.keys(JSON.parse(block.text) as object)),
    );
    expect([...shown].sort()).toEqual(Object.keys(MachinePolicy.shape).sort());
  });

  it('gives the policy location the console reads on each system', async () => {
    const { policyPath } = await import('../../electron/main/config/policy');
    const text = readFileSync(join(root, 'docs/deploying.md'), 'utf8');
    expect(text).toContain(policyPath('darwin'));
    expect(text).toContain(policyPath('linux'));
    expect(text).toContain('%ProgramData%\\Securus Console\\policy.json');
  });

  it('tells how to read every fuse the security page lists', () => {
    const text = readFileSync(join(root, 'docs/deploying.md'), 'utf8');
    for (const fuse of [
      'RunAsNode',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'GrantFileProtocolExtraPrivileges',
      'EnableCookieEncryption',
      'EnableEmbeddedAsarIntegrityValidation',
      'OnlyLoadAppFromAsar',
    ]) {
      expect(text, fuse).toContain(fuse);
    }
    expect(text).toContain('npx @electron/fuses read --app');
  });
});
