import type { Migration } from '../migration.js';

/**
 * The lead's desk keeps the acknowledgement it sent for each escalation it received, so a repeat
 * delivery (the agent's desk never got the first acknowledgement) is answered with it again
 * instead of being retried forever.
 */
export const m015EscalationAcks: Migration = {
  version: 15,
  name: 'escalation-acks',
  up(db) {
    db.exec('ALTER TABLE escalations ADD COLUMN ack TEXT');
  },
};
