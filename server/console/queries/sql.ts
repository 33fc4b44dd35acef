/** A small helper for the views' optional filters: numbered parameters, one clause each. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[];

  constructor(...fixed: string[]) {
    this.clauses = [...fixed];
  }

  /** The placeholder for `value` (`$3`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds `sql(placeholder)` when `value` is defined. */
  add<T>(value: T | undefined, sql: (placeholder: string) => string): this {
    if (value !== undefined) this.clauses.push(sql(this.param(value)));
    return this;
  }

  /** Adds a clause as it is (its parameters made with `param`). */
  clause(sql: string): this {
    this.clauses.push(sql);
    return this;
  }

  get sql(): string {
    return this.clauses.length > 0 ? `where ${this.clauses.join(' and ')}` : '';
  }
}

/** `count` comes back from PostgreSQL as a bigint string: read it as a number. */
export const num = (value: unknown): number => (value === null ? 0 : Number(value));
