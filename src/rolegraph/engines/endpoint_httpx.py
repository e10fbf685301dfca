"""The endpoint client's httpx path: requests through a proxy (``HTTPS_PROXY``, ``HTTP_PROXY``,
``ALL_PROXY``, with ``NO_PROXY``), and a user and password sent the way the server's challenge
asks (Basic or Digest). Imported only then; other requests go through :mod:`rolegraph.engines.wire`,
whose TLS settings this path shares.

httpx's errors leave here as the standard library's (``TimeoutError``, ``ConnectionError``,
``http.client.HTTPException``), so :class:`rolegraph.engines.endpoint.Http` reports both paths alike.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Generator, Iterator

import httpx

from rolegraph.engines.endpoint import Answer, Auth
from rolegraph.engines.wire import tls_context


class NegotiatedAuth(httpx.Auth):
    """User and password sent the way the server's first challenge asks (Basic or Digest), never before it."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.chosen is not None:
            yield from self.chosen.auth_flow(request)
            return
        response = yield request
        challenge = response.headers.get("WWW-Authenticate", "").lower()
        if response.status_code != 401 or not challenge.startswith(("basic", "digest")):
            return
        if challenge.startswith("basic"):
            self.chosen = httpx.BasicAuth(self.user, self.password)
            yield from self.chosen.auth_flow(request)
            return
        self.chosen = httpx.DigestAuth(self.user, self.password)
        flow = self.chosen.auth_flow(request)
        next(flow)  # Digest would first send the request as it is: its answer is the challenge already here
        try:
            request = flow.send(response)
            while True:
                request = flow.send((yield request))
        except StopIteration:
            return


def _flow(auth: Auth) -> httpx.Auth | None:
    """The httpx authentication flow for credentials that are negotiated (``auto``) or Digest."""
    if auth.scheme == "digest":
        return httpx.DigestAuth(auth.user, auth.password)
    if auth.scheme == "auto":
        return NegotiatedAuth(auth.user, auth.password)
    return None


class Client:
    """One httpx client (kept-alive connections, proxies from the environment) and one authentication flow."""

    def __init__(self, timeout: float, auth: Auth) -> None:
        self.client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=True, verify=tls_context())
        self.flow = _flow(auth)  # one flow for every request: Digest answers later challenges without a 401 first

    def send(self, method: str, target: str, content: bytes | None, headers: dict[str, str], read: Callable[[Iterator[bytes], str], bytes]) -> Answer:
        """Send one request; ``read`` takes the body's blocks and its Content-Length and returns the body."""
        try:
            with self.client.stream(method, target, content=content, headers=headers, auth=self.flow) as response:
                body = read(response.iter_bytes(), response.headers.get("content-length", ""))
                return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, body)
        except httpx.TimeoutException as exc:
            raise TimeoutError(str(exc)) from None
        except httpx.ConnectError as exc:
            raise ConnectionError(str(exc)) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise http.client.InvalidURL(str(exc)) from None
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise http.client.HTTPException(str(exc)) from None

    def close(self) -> None:
        self.client.close()
