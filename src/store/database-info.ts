/** What code outside the store may know about the database behind it: no more than it needs. */
export interface DatabaseInfo {
  /** Stable, for machines: /readyz reports it. */
  readonly id: 'sqlite' | 'postgres';
  /** For people: the start-up line names it. */
  readonly name: string;
  /**
   * The database itself carries change notices between the processes using it (`openChannel`
   * returns a channel); where it does not, a cluster's workers relay them through the primary.
   */
  readonly carriesChanges: boolean;
}
