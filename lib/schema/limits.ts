/**
 * Hard limits shared by the client (to guide users) and the server (to enforce).
 * Kept in one place so the two never disagree.
 */
export const LIMITS = {
  /** Largest websocket message the server accepts by default (bytes). */
  maxMessageBytes: 1024 * 1024,
  /** Largest HTTP JSON body (bytes). */
  maxHttpBodyBytes: 64 * 1024,
  /** Notes per board. */
  maxNotesPerBoard: 5000,
  /** Frames (worksheets) per board: a method has a handful; the canvas draws them all. */
  maxFramesPerBoard: 500,
  /** Characters in one note's text, enforced by the editor. */
  maxNoteTextChars: 2000,
  /** Characters one inserted text run may carry, enforced by the server (a paste). */
  maxInsertedTextChars: 10_000,
  /** Characters in a board title. */
  maxTitleChars: 120,
  /** Board units: notes live inside this square around the origin. */
  maxCoordinate: 1_000_000,
  /** Personal notes one person may keep on one board (a plan has a few per area). */
  maxPersonalNotesPerPerson: 200,
  minNoteSize: 40,
  maxNoteSize: 2000,
} as const;

/**
 * What the server allows one address, one connection or one board, so that nobody who reaches it
 * (with a link, a code or nothing) can wear it down or shut others out. Each can be set from the
 * environment (server/config.ts, `SAMLA_LIMIT_*`, README "Limits"); each comment says why its
 * default is what it is, docs/security.md how they fit together. Counts are per address after
 * `SAMLA_TRUSTED_PROXIES` has been applied.
 */
export const SERVER_LIMITS = {
  /** New boards per address and hour (a trainer preparing a day of group boards stays far below). */
  boardsPerAddressPerHour: 60,
  /** Imported board files per address and hour: each may be 5 MB. */
  importsPerAddressPerHour: 20,
  /** Open websockets per address. Every board page holds two (the board and its session channel). */
  websocketsPerAddress: 500,
  /** Open phone event streams per address: a kick-off room behind one NAT holds hundreds. */
  eventStreamsPerAddress: 1500,
  /** Websocket messages per connection and second, sustained; a burst may be three times as many. */
  messagesPerSecond: 100,
  /** Websocket bytes per connection and second, sustained; a burst may be four times as many. */
  bytesPerSecond: 1024 * 1024,
  /** A reader whose unsent bytes pass this is too slow to keep up and is closed (1013). */
  sendBufferBytes: 8 * 1024 * 1024,
  /** Presence (awareness) messages per connection and second; more are dropped, not applied. */
  presencePerSecond: 30,
  /** One presence state as JSON, in bytes: a name, a cursor and a rectangle need a few hundred. */
  presenceStateBytes: 4096,
  /** How deep one presence state may nest (objects and arrays). */
  presenceDepth: 6,
  /**
   * New presence entries (ones that change something) in one message, and client ids one connection
   * may speak for: a client announces itself, so one; a few allow for more. Echoes of what others
   * announced (stock clients send back all they hear) are not counted.
   */
  presenceEntriesPerMessage: 4,
  /** Presence clocks at or above this are refused: an honest client never counts this far. */
  presenceClockLimit: 2 ** 32,
  /**
   * Yjs client ids one update may write as for the first time: a browser writes as itself, and
   * perhaps as a few earlier visits whose edits waited offline on the device.
   */
  newClientIdsPerUpdate: 64,
  /** Clients whose updates a connection may have had held back (private writing) before it is closed. */
  heldRangesPerConnection: 1000,
  /** A board nobody has open stays loaded this long after its last reader, for the next one. */
  roomLingerMs: 30_000,
  /** Boards loaded at once; lingering ones are unloaded first when more are needed. */
  loadedRooms: 2000,
  /** Wrong join codes per address (IPv6: per /64) in 15 minutes; then that address is refused. */
  wrongJoinCodesPerAddress: 20,
  /**
   * Wrong join codes per hour on the whole server, from every address together. Past it, typed
   * codes pause for everyone (the QR code's key still works): this is what bounds a botnet.
   */
  wrongJoinCodesPerHour: 2000,
  /** Join requests per address and minute, right or wrong: a room behind one NAT joins together. */
  joinRequestsPerAddressPerMinute: 600,
  /** New participant identities a board takes unless its facilitator raises it. */
  participantsPerBoard: 400,
  /** The most a facilitator may raise a board's participant budget to. */
  participantsPerBoardMax: 2000,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };
