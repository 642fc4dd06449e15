import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person or company we learned was deleted; a hire naming it is rejected as not found. */
@Entity({ name: 'deleted_parties' })
export class DeletedPartyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: 'person' | 'company';

  @Column({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date;
}
