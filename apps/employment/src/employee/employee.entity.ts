import { Column, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import type { Employee } from '#contracts';
import { runWrites, type Statement } from '#persistence';

/** An employment: who (person) works where (company) with which card; ended, never deleted. */
@Entity({ name: 'employees' })
export class EmployeeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'card_id', type: 'integer' })
  cardId!: number;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}

/** Unique indexes that enforce the contract's rules for active employments. */
export const EMPLOYEE_CONSTRAINTS = {
  activeCard: 'employees_active_card_unique',
  activePersonCompany: 'employees_active_person_company_unique',
} as const;

/** The employee as the contract shows it. */
export function toEmployee(e: EmployeeEntity): Employee {
  return {
    id: e.id,
    personId: e.personId,
    companyId: e.companyId,
    cardId: e.cardId,
    createdAt: e.createdAt.toISOString(),
    endedAt: e.endedAt ? e.endedAt.toISOString() : null,
  };
}

/** Inserts employees with one statement (TypeORM's multi-row builder costs far more CPU). */
export async function insertEmployees(
  manager: EntityManager,
  employees: EmployeeEntity[],
): Promise<void> {
  await runWrites(manager, insertEmployeesStatements(employees));
}

/** The statement insertEmployees runs (none for none), to send with others (runWrites). */
export function insertEmployeesStatements(employees: EmployeeEntity[]): Statement[] {
  if (employees.length === 0) return [];
  return [
    {
      sql: `INSERT INTO employees (id, card_id, person_id, company_id, created_at, ended_at)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[])`,
      params: [
        employees.map((e) => e.id),
        employees.map((e) => e.cardId),
        employees.map((e) => e.personId),
        employees.map((e) => e.companyId),
        employees.map((e) => e.createdAt.toISOString()),
        employees.map((e) => e.endedAt?.toISOString() ?? null),
      ],
    },
  ];
}
