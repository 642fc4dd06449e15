import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Employee } from '#contracts';

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
