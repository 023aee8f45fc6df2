export { startTcpServer, type TcpServer } from "./TcpServer.js"
export { FrameDecoder, encodeFrame, MAX_FRAME, type FrameEvent } from "./Frame.js"
