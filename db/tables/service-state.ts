/** The service's own state (users, login throttle, idempotency records, material files, notifications). */
export interface ServiceStateTables {}
