import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to reach JetStream. Written in the same transaction as the fact it announces, so
 * the fact and its event are never one without the other; published with Nats-Msg-Id = id.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['createdAt'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 128 })
  subject: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;

  /** The organisation the event belongs to: published as its `limye-organisation` header (null: none). */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Publish tries so far (every claim counts one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When the publisher may take it (next): now for a new event; later while a publish is leased or backing off. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

/** SQL for the outbox table; services call it from their own migration, then OUTBOX_WORK_QUEUE_SQL. */
export const OUTBOX_TABLE_SQL = [
  `CREATE TABLE "outbox" (
     "id" uuid NOT NULL,
     "subject" character varying(128) NOT NULL,
     "payload" jsonb NOT NULL,
     "correlation_id" character varying(128),
     "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
     "published_at" TIMESTAMP WITH TIME ZONE,
     "attempts" integer NOT NULL DEFAULT 0,
     "last_error" text,
     CONSTRAINT "PK_outbox" PRIMARY KEY ("id"))`,
  `CREATE INDEX "outbox_unpublished_idx" ON "outbox" ("created_at") WHERE published_at IS NULL`,
];

/** What the outbox needs as a work queue (OutboxPublisher): a due time that is also its lease. For a service's migration after OUTBOX_TABLE_SQL. */
export const OUTBOX_WORK_QUEUE_SQL = [`ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`];

/**
 * The organisation of each event (OutboxMessage.organisationId), published as its header. Nullable: the outbox
 * is the platform's, and an event need not belong to an organisation; rows written before it have none.
 */
export const OUTBOX_ORGANISATION_SQL = [`ALTER TABLE "outbox" ADD COLUMN "organisation_id" uuid`];
