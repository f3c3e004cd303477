import { emptyBatch, type ImportBatch } from '../src/import/ImportModel.js';

/**
 * Generates a multi-level BOM with `lineCount` BOM lines for import benchmarks: assemblies of 100 lines
 * each, arranged in levels so that no assembly contains itself, over a pool of leaf parts that many
 * assemblies share. Deterministic, so runs compare.
 */
export function generateBomBatch(lineCount: number, source = 'generated-bom.csv'): ImportBatch {
  const batch = emptyBatch('Generated BOM', source);
  const linesPerAssembly = 100;
  const assemblyCount = Math.max(1, Math.ceil(lineCount / linesPerAssembly));
  const leafCount = Math.max(10, Math.round(lineCount / 5));

  for (let leaf = 0; leaf < leafCount; leaf++) {
    batch.parts.push({
      sourceId: `L${leaf}`,
      partNumber: `BENCH-L-${String(leaf).padStart(6, '0')}`,
      revision: 'A',
      title: `Generated component ${leaf}`,
      location: { file: source, line: leaf + 2 },
    });
  }
  for (let assembly = 0; assembly < assemblyCount; assembly++) {
    batch.parts.push({
      sourceId: `A${assembly}`,
      partNumber: `BENCH-A-${String(assembly).padStart(6, '0')}`,
      revision: 'A',
      title: `Generated assembly ${assembly}`,
      location: { file: source, line: leafCount + assembly + 2 },
    });
  }

  // Assembly i uses sub-assemblies with higher numbers only (a tree of levels), the rest leaves.
  let random = 12345;
  const next = (limit: number): number => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random % limit;
  };
  for (let line = 0; line < lineCount; line++) {
    const assembly = Math.floor(line / linesPerAssembly);
    const position = line % linesPerAssembly;
    const subAssembly = assembly * 10 + position + 1;
    const child = position < 10 && subAssembly < assemblyCount ? `A${subAssembly}` : `L${next(leafCount)}`;
    batch.bomLines.push({
      parent: `A${assembly}`,
      child,
      quantity: 1 + next(4),
      findNumber: String(position + 1),
      location: { file: source, line: line + 2 },
    });
  }
  return batch;
}
