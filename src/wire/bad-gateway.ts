/**
 * What a proxy in front of the service answers when it can't reach it: the `html-502` network
 * fault as the local endpoint and the in-process request handler send it.
 */
import type { WireResponse } from "./wire-codec.js";

/** The page nginx (and most load balancers) send for a 502. */
export const BAD_GATEWAY_HTML =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

/** The 502 response of a proxy in front of the service: an HTML page, no AWS request id. */
export function badGatewayResponse(): WireResponse {
  return { statusCode: 502, headers: { "content-type": "text/html" }, body: BAD_GATEWAY_HTML };
}
