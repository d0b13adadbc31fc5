export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __limyeStop?: () => Promise<void> };
  const stop = g.__limyeStop;
  g.__limyeStop = undefined;
  await stop?.();
}
