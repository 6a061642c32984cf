import type { DataMethodName, MainMethodName, MethodName, ParsedRequestOf, ResponseOf } from '../../shared/contract';

/** Context of one call: who asked. Handlers never see Electron objects. */
export interface CallContext {
  /** URL of the frame that sent the call (already checked by the router). */
  senderUrl: string;
}

export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, context: CallContext) => Promise<ResponseOf<M>> | ResponseOf<M>;

/** The handler table, typed against the contract: a method without a handler fails to compile. */
export type Handlers = { [M in MethodName]: Handler<M> };
export type DataHandlers = { [M in DataMethodName]: Handler<M> };
export type MainHandlers = { [M in MainMethodName]: Handler<M> };
