import { startTestPreview, type PreviewFixture } from '../fixtures';

/**
 * A fresh preview whose embedded server reads extra configuration (`SECURUS_*` variables), and whose console reads
 * `options.policyText` as its IT policy. The server reads its environment once, at start, so the variables are set
 * only for that moment.
 */
export async function startConfiguredPreview(
  env: Record<string, string>,
  options: { policyText?: string } = {},
): Promise<{ fixture: PreviewFixture; stop(): Promise<void> }> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await startTestPreview(options);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
}
