/** What a CLI wrote and its exit code, from a runner that takes its stdout and stderr as writers. */
export async function captureCli(
  run: (out: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }) => Promise<number>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: { write: (text) => (stdout += text) }, stderr: { write: (text) => (stderr += text) } });
  return { code, stdout, stderr };
}
