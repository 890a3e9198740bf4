/**
 * Preloaded (`--import`) into the service processes tests start: when the test process goes away,
 * however it dies, its IPC channel closes and the service exits instead of lingering on its port.
 */
if (process.send) {
  process.channel?.unref();
  process.on('disconnect', () => process.exit(1));
}
