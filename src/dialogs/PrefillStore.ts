import { randomUUID } from 'node:crypto';
import type { FormValues } from './FormValues.js';

/** How long a prefilled creation dialog stays available after the POST that made it. */
export const PREFILL_LIFETIME_MS = 30 * 60 * 1000;

/** Most prefilled dialogs kept at once; the oldest go first. */
const MAX_ENTRIES = 1000;

/** A creation dialog prefilled by a client (OSLC Core 3.0 Delegated Dialogs, "Prefilling Creation Dialogs"). */
export interface Prefill {
  provider: string;
  segment: string;
  values: FormValues;
  expiresAt: number;
}

/**
 * Keeps prefilled dialog values in memory under random ids. They are drafts that a user is about to
 * review, so losing them on restart costs a retry, not data.
 */
export class PrefillStore {
  private readonly entries = new Map<string, Prefill>();

  public constructor(private readonly now: () => number = Date.now) {}

  /** Stores values and returns the id that names them in the dialog URL. */
  public put(provider: string, segment: string, values: FormValues): string {
    this.sweep();
    const id = randomUUID();
    this.entries.set(id, { provider, segment, values, expiresAt: this.now() + PREFILL_LIFETIME_MS });
    while (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return id;
  }

  /** Returns the values of an id that has not expired, for the dialog it was made for. */
  public get(id: string, provider: string, segment: string): Prefill | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.expiresAt <= this.now() || entry.provider !== provider || entry.segment !== segment) {
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(id);
      }
    }
  }
}
