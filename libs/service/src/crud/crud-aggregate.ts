/** The columns every CRUD aggregate (person, company) has. */
export interface CrudAggregate {
  id: string;
  country: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Filters and paging of the contract's list routes. */
export interface CrudListQuery {
  limit: number;
  offset: number;
  country?: string;
  q?: string;
}
