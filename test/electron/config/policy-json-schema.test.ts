import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { policyJsonSchemaText } from '../../../electron/main/config/policy-json-schema';
import { parsePolicy } from '../../../electron/main/config/policy';

const schemaFile = new URL('../../../docs/policy.schema.json', import.meta.url);
const docsFile = new URL('../../../docs/policy.md', import.meta.url);

function docsExamples(): string[] {
  return [...readFileSync(docsFile, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('docs/policy.schema.json', () => {
  it('is the schema generated from MachinePolicy (regenerate: npx tsx -e "import(\'./electron/main/config/policy-json-schema.ts\').then(m=>process.stdout.write(m.policyJsonSchemaText()))" > docs/policy.schema.json)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(policyJsonSchemaText());
  });

  it('documents every field in docs/policy.md', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { properties: Record<string, unknown> };
    const docs = readFileSync(docsFile, 'utf8');
    for (const field of Object.keys(schema.properties)) {
      expect(docs).toMatch(new RegExp(`^\\| \`${field}\` +\\|`, 'm'));
    }
  });

  it('agrees with parsePolicy on the documented examples and on a typo', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const examples = docsExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(validate(JSON.parse(example))).toBe(true);
      expect(parsePolicy(example, 'policy.json').ok).toBe(true);
    }
    const typo = '{"serverURL":"https://securus.corp.example"}';
    expect(validate(JSON.parse(typo))).toBe(false);
    expect(parsePolicy(typo, 'policy.json').ok).toBe(false);
    const insecure = '{"updateUrl":"http://updates.corp.example"}';
    expect(validate(JSON.parse(insecure))).toBe(false);
    expect(parsePolicy(insecure, 'policy.json').ok).toBe(false);
  });
});
