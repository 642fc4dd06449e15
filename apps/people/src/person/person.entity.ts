import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CrudAggregate } from '#service';

@Entity({ name: 'people' })
export class PersonEntity implements CrudAggregate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  country!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
