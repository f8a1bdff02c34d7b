import { z } from 'zod';
import { MachinePolicy } from './policy';

export const POLICY_SCHEMA_ID = 'https://securus.example/schemas/console-policy.schema.json';

/**
 * The JSON Schema IT validates policy files against (docs/policy.schema.json). Generated from the zod schema —
 * the input side, so fields with a default are optional — and kept in sync by a test.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MachinePolicy, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema: schema.$schema,
    $id: POLICY_SCHEMA_ID,
    title: 'Securus Console machine policy',
    description: 'The machine-wide policy file of Securus Console. See docs/policy.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
