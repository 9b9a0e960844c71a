/** jest globalTeardown of the integration project: stops the shared dev server (shared-dev-server.ts). */
export default async function stopSharedDevServer(): Promise<void> {
  await globalThis.sharedDevServer?.teardown();
}
