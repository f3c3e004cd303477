/**
 * Generates a multi-level parent-child CSV BOM with `lineCount` BOM lines for import benchmarks:
 * assemblies of 100 lines each, arranged in levels so that no assembly contains itself, over a pool of
 * leaf parts that many assemblies share. Deterministic, so runs compare. Returns the CSV text and the
 * number of distinct parts it names.
 */
export function generateBomCsv(lineCount: number): { text: string; parts: number } {
  const linesPerAssembly = 100;
  const assemblyCount = Math.max(1, Math.ceil(lineCount / linesPerAssembly));
  const leafCount = Math.max(10, Math.round(lineCount / 5));
  const rows = ['Part Number,Revision,Parent,Title,Qty,Find No'];
  const assembly = (index: number): string => `BENCH-A-${String(index).padStart(6, '0')}`;

  // A linear congruential generator (the glibc constants), so every run draws the same leaves. Its low
  // bits repeat with short periods, so the draw uses the high ones.
  let random = 12345;
  const next = (limit: number): number => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return Math.floor(random / 65536) % limit;
  };

  rows.push(`${assembly(0)},A,,Generated assembly 0,1,`);
  for (let line = 0; line < lineCount; line++) {
    const parent = Math.floor(line / linesPerAssembly);
    const position = line % linesPerAssembly;
    // Assembly i uses sub-assemblies with higher numbers only, so the BOM is a tree of levels.
    const subAssembly = parent * 10 + position + 1;
    if (position < 10 && subAssembly < assemblyCount) {
      rows.push(`${assembly(subAssembly)},A,${assembly(parent)},Generated assembly ${subAssembly},${1 + next(4)},${position + 1}`);
    } else {
      const leaf = next(leafCount);
      rows.push(`BENCH-L-${String(leaf).padStart(6, '0')},A,${assembly(parent)},Generated component ${leaf},${1 + next(4)},${position + 1}`);
    }
  }
  const parts = new Set(rows.slice(1).map((row) => row.slice(0, row.indexOf(','))));
  return { text: `${rows.join('\n')}\n`, parts: parts.size };
}
