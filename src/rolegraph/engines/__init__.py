"""The engines that answer rolegraph's SPARQL, each behind the one :class:`~rolegraph.engines.base.Engine` protocol.

* :mod:`~rolegraph.engines.local`: an in-memory pyoxigraph store (the default);
* :mod:`~rolegraph.engines.prepared`: an on-disk pyoxigraph store built once and reused, for large data;
* :mod:`~rolegraph.engines.endpoint`: a remote SPARQL 1.1 endpoint over HTTP (:mod:`~rolegraph.engines.wire`,
  or httpx in :mod:`~rolegraph.engines.endpoint_httpx` for proxies and negotiated credentials);
* :mod:`~rolegraph.engines.rdflib_engine`: an rdflib graph, the reference the others are checked against.

:mod:`rolegraph.kb` builds the knowledge base on one of them; none of them imports it.
"""
