/** What a migration is told about the database it runs on (its own module: no import cycle). */
export interface MigrationContext {
  /** Column type for a point in time. */
  timestamp: 'text' | 'timestamptz';
  /**
   * This database's variant of a step. Migrations are history, so their database-specific SQL
   * stays in them, written once per database, instead of moving into the dialect objects.
   */
  byDialect<T>(variants: { sqlite: T; postgres: T }): T;
}
