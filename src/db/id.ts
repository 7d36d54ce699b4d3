import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered identifier (UUIDv7): sortable by creation, unique across processes. */
export function newId(): string {
  return uuidv7();
}
