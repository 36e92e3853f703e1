/** Files bundled as bytes (esbuild's `binary` loader; see scripts/build.mjs). */
declare module '*.bin' {
  const bytes: Uint8Array;
  export default bytes;
}
