/** Slots of the Int32 control array shared by the main thread and the index worker. */

/** Index of the next id not yet taken by either thread. */
export const CTL_NEXT = 0;
/** How many of the worker's files the main thread has finished with. */
export const CTL_CONSUMED = 1;
/** Number of slots. */
export const CTL_SLOTS = 2;
