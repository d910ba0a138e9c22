/**
 * reports/bench.json: figures from several bench scripts, each entry compared with a named peer. Every
 * script merges its own entries by name, so running one bench never drops another's figures.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  peer: string;
  peerValue: number;
  /** value / peerValue. */
  ratio: number;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export function benchEntry(name: string, unit: string, value: number, peer: string, peerValue: number): BenchEntry {
  return { name, value: round(value), unit, peer, peerValue: round(peerValue), ratio: round(value / peerValue) };
}

/** Replaces entries with the same names and keeps every other entry. */
export function mergeBenchEntries(file: string, entries: BenchEntry[]): void {
  const existing: BenchEntry[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchEntry[]) : [];
  const names = new Set(entries.map((e) => e.name));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify([...existing.filter((e) => !names.has(e.name)), ...entries], null, 2)}\n`);
}
