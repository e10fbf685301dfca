"""A seeded fuzz harness for rolegraph's hostile-input promises (see docs/security.md).

    python benchmarks/fuzz.py [--seed 1] [--inputs 10000] [--only sparql,names] [--jobs 2] [--case-timeout 30]

Categories: names, options, turtle, sparql, exports, esco, endpoint, signals. Every input is
generated from the seed. Most run the CLI in-process (typer's CliRunner) in a forked worker, so
that a crash (a signal) or a hang (no answer within --case-timeout) costs one worker, not the
run; ``signals`` runs the installed ``rolegraph`` command as a subprocess. The only servers are
the ones started here, on 127.0.0.1: a sentinel that logs every request (SPARQL SERVICE,
owl:imports, …) and a misbehaving SPARQL endpoint.

Per category it prints: inputs, tracebacks, crashes, hangs, security failures; and the first
few failing inputs. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import base64
import csv
import http.server
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

DOCUMENTED = {0, 1, 2, 3, 4, 5, 130}
SECRET_TOKEN, USER, PASSWORD = "tok-FUZZSECRET", "alice", "hunter2-FUZZ"
B64 = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
P = ("@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix role: <https://w3id.org/rolegraph/id/role/> . "
     "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix link: <https://w3id.org/rolegraph/id/link/> . "
     "@prefix skill: <https://w3id.org/rolegraph/id/skill/> . @prefix dct: <http://purl.org/dc/terms/> . "
     "@prefix schema: <https://schema.org/> . @prefix src: <https://w3id.org/rolegraph/id/source/> . "
     "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n")
ROLES = ["Tech PM", "Tech PgM", "Technical Product Manager", "Technical Program Manager", "Software Engineer", "TPM", "Engineering Manager",
         "Product Manager", "Program Manager", "Scrum Master", "PM", "pgm"]
NASTY = ["", " ", "\x00", "\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\ufeff", "\uffff", "%s", "{0}", "$(id)", "`id`",
         "../../etc/passwd", "-", "--", "-h", "=1+1", "@SUM(1)", "<script>", "'\"", "\\", "\n", "\r\n", "\t", "a" * 5000, "🙂" * 300,
         "%%{init}%%", "$\\frac{1}{2}$", "}{", "\u0301\u0301", "ǅ", "İ", "ß", "ﬁ", "Ｔｅｃｈ ＰＭ", "tech   pm", "TECH PM!", "?", "*"]
FORMATS = ["rich", "text", "json", "csv", "tsv", "markdown", "html", "latex", "mermaid", "turtle", "json-ld", "xlsx", "dot", "nope", ""]


# --- servers on 127.0.0.1 ----------------------------------------------------------------------------

class Hits:
    lock = threading.Lock()
    log: ClassVar[list[str]] = []

    @classmethod
    def add(cls, line: str) -> None:
        with cls.lock:
            cls.log.append(line)

    @classmethod
    def matching(cls, tag: str) -> list[str]:
        with cls.lock:
            return [h for h in cls.log if tag in h]


class Handler(http.server.BaseHTTPRequestHandler):
    """Logs every request (path and Authorization); answers by the first path segment."""

    protocol_version = "HTTP/1.0"
    redirect_port = 0

    def log_message(self, *args: object) -> None:
        pass

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20)) if length else b""
        Hits.add(f"{self.command} {self.path} AUTH={self.headers.get('Authorization')} BODY={body[:200]!r}")
        mode = self.path.strip("/").split("/")[0]
        w = self.wfile.write
        if mode == "trickle":
            w(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 100000\r\n\r\n")
            for _ in range(40):
                time.sleep(0.25)
                w(b" ")
                self.wfile.flush()
        elif mode == "badstatus":
            w(b"HELLO\r\n\r\n")
        elif mode == "incomplete":
            w(b'HTTP/1.0 200 OK\r\nContent-Length: 5000\r\n\r\n{"head":')
        elif mode == "redirect":
            w(f"HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:{self.redirect_port}/log/elsewhere{self.path}\r\nContent-Length: 0\r\n\r\n".encode())
        elif mode == "redirect307":
            w(f"HTTP/1.0 307 Temporary\r\nLocation: http://127.0.0.1:{self.redirect_port}/log/elsewhere{self.path}\r\nContent-Length: 0\r\n\r\n".encode())
        elif mode == "deepjson":
            data = b"[" * 100000 + b"]" * 100000
            w(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)
        elif mode == "longheader":
            w(b"HTTP/1.0 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n{}")
        elif mode == "echo401":
            msg = f"denied for {self.headers.get('Authorization')}".encode()  # echoes only what the client sent
            w(b"HTTP/1.0 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: " + str(len(msg)).encode() + b"\r\n\r\n" + msg)
        elif mode == "garbage":
            w(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n" + bytes(random.randrange(256) for _ in range(300)))
        elif mode == "html500":
            w(b"HTTP/1.0 500 Oops\r\nContent-Type: text/html\r\n\r\n<html>\x1b[2J boom</html>")
        else:
            vars_ = ["zzz"] if mode == "wrongvars" else ["s", "p", "o"]
            rows = [{v: {"type": "literal", "value": "x"} for v in vars_}] if mode == "wrongvars" else []
            data = json.dumps({"head": {"vars": vars_}, "results": {"bindings": rows}}).encode()
            w(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)

    do_GET = do_POST = do_PUT = _any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up on a hostile answer is what the run tests, not a harness failure."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start_server(redirect_port: int = 0) -> tuple[Server, int]:
    handler = type("H", (Handler,), {"redirect_port": redirect_port})
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


# --- inputs ---------------------------------------------------------------------------------------

def text(rng: random.Random, size: int = 30) -> str:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(NASTY)
    if pick < 0.6:
        return rng.choice(ROLES) + rng.choice(["", " ", "s", "!", rng.choice(NASTY)])
    alphabet = "abcXYZ 019-_.,;:'\"\\/<>{}[]()$%=@#!?\x00\x1b\n\t\u00e9\u2028\uffff\U0001f600"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(size)))


def gen_names(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    cmd = rng.choice(["show", "compare", "path", "why", "ask", "neighbours", "fit", "role-names"])
    a, b = text(rng), text(rng)
    args = {"show": ["show", a], "compare": ["compare", a, b], "path": ["path", a, b], "why": ["why", a, b], "ask": ["ask", a],
            "neighbours": ["neighbours", a], "fit": ["fit", "-s", f"{a}={rng.randrange(-2, 9)}"], "role-names": ["show", a, "-f", "json"]}[cmd]
    return {"args": args + rng.choice([[], ["-f", "json"], ["-f", "csv"]])}


def gen_options(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    work = ctx["work"]
    base = rng.choice([["roles"], ["skills"], ["compare", "Tech PM", "Tech PgM"], ["show", "Tech PM"], ["query", "roles"],
                       ["why", "Tech PM", "team"], ["fit", "-s", "coding=3"], ["disagreements"], ["formats"], []])
    extra: list[str] = []
    for _ in range(rng.randrange(4)):
        opt = rng.choice(["-f", "--format", "-o", "--output", "--data", "--dimension", "--timeout", "-p", "--endpoint", "--fragment", "--detail",
                          "--help", "--nope", "-x", "--", text(rng, 10)])
        if opt in ("-f", "--format"):
            extra += [opt, rng.choice(FORMATS)]
        elif opt in ("-o", "--output"):
            target = rng.choice(["out.csv", "out.xlsx", "sub/none/x.json", "fifo", "dir", "link", "/dev/null", "ro/x.csv", "out" + text(rng, 5)])
            extra += [opt, str(work / target) if not target.startswith("/") else target]
        elif opt == "--data":
            extra += [opt, rng.choice([str(work / "missing.ttl"), str(work / "dir"), "/dev/null", str(work / "fifo"), text(rng, 8)])]
        elif opt == "--timeout":
            extra += [opt, rng.choice(["0", "-1", "inf", "nan", "1e400", "0.001", "5", "abc", ""])]
        elif opt == "-p":
            extra += [opt, rng.choice(["role=<x>", "=", "a", "x=" + text(rng, 8), text(rng, 8) + "=1", "role=<https://w3id.org/rolegraph/id/role/x>"])]
        elif opt == "--endpoint":
            extra += [opt, rng.choice(["http://127.0.0.1:abc/", "ftp://x", "http://[::1", text(rng, 8), "http://127.0.0.1:1/"])]
        elif opt in ("--dimension",):
            extra += [opt, text(rng, 8)]
        else:
            extra.append(opt)
    return {"args": base + extra}


IMPORTANCES = ["3", '"high"', "2.5", "-1", "99", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"x"^^<http://www.w3.org/2001/XMLSchema#integer>']


def gen_turtle(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    tag = f"ttl-{i}"
    sentinel = f"http://127.0.0.1:{ctx['port']}/log/{tag}"
    label = text(rng).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    pieces = [
        f'role:f{i} a rg:Role ; skos:prefLabel "{label}"@en ; skos:definition "d"@en .',
        f"<{sentinel}> owl:imports <{sentinel}/imports> .",
        f"@base <{sentinel}/> . <rel> skos:prefLabel \"x\"@en .",
        "<file:///etc/passwd> skos:prefLabel \"passwd\"@en .",
        "<< <urn:a> <urn:b> <urn:c> >> <urn:p> <urn:o> .",
        "<urn:a> <urn:p> " + "[ <urn:p> " * (n := rng.choice([10, 500, 5000])) + "1" + " ]" * n + " .",
        "<urn:a> <urn:p> " + "( " * (m := rng.choice([10, 300, 3000])) + "1" + " )" * m + " .",
        f"link:x{i} a rg:SkillLink ; rg:dimension rg:TechSkills ; rg:role role:f{i} ; rg:target skill:coding ; "
        f"rg:importance {rng.choice(IMPORTANCES)} ; rg:basis rg:External .",
        f'role:g{i} a rg:Role ; skos:prefLabel "Only German {i}"@de .',
        f'role:h{i} a rg:Role ; skos:prefLabel "No Definition {i}"@en .',
        '<urn:a> <urn:p> "unterminated .',
        "@prefix : <urn:x#> . :a :b :c ; ; , .",
    ]
    body = P + "\n".join(rng.sample(pieces, rng.randrange(1, 4)))
    data = body.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        cut = rng.randrange(len(data))
        data = data[:cut] + bytes([rng.randrange(256)]) + data[cut + 1:]
    if rng.random() < 0.1:
        data = b"# caf\xff\n" + data
    cmd = rng.choice([["roles"], ["show", label or "x"], ["validate"], ["compare", "Tech PM", "Tech PgM"], ["path", f"Only German {i}", "Tech PM"]])
    return {"files": {"data.ttl": data}, "args": [*cmd, "@data.ttl"] if cmd[0] == "validate" else [*cmd, "--data", "@data.ttl"], "tag": tag}


SERVICE_FORMS = ["SERVICE <{u}> {{ ?a ?b ?c }}", "SERVICE SILENT <{u}> {{ ?a ?b ?c }}", "SERVICE<{u}>{{?a ?b ?c}}", "service <{u}> {{}}",
                 "SERVICE:{t} {{ ?a ?b ?c }}", "SERVICE s:{t} {{ ?a ?b ?c }}"]
GLUES = ["", " ", "1", "true", "false", "1.5", "1e3", "'''a\\''''", '"x"', "'x'@en", "?o", "<urn:x>", ")", "#c\n", "\n", "FILTER(?o<'b>x')",
         "FILTER(1<2)", "BIND(1 AS ?z)", "."]


def gen_sparql(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    tag = f"sq-{i}"
    base = f"http://127.0.0.1:{ctx['port']}/log/"
    pick = rng.random()
    prologue = f"PREFIX : <{base}> PREFIX s: <{base}> PREFIX rg: <https://w3id.org/rolegraph/ns#> "
    if pick < 0.55:
        call = rng.choice(SERVICE_FORMS).format(u=base + tag, t=tag)
        glue = rng.choice(GLUES)
        inner = f"?s ?p ?o {glue}{call}" if rng.random() < 0.7 else f"{call} . ?s ?p ?o"
        wrap = rng.choice(["{x}", "OPTIONAL {{ {x} }}", "{{ {x} }} UNION {{ ?s ?p ?o }}", "{{ SELECT * WHERE {{ {x} }} }}",
                           "FILTER EXISTS {{ {x} }}", "?s ?p ?o MINUS {{ {x} }}"])
        query = prologue + "SELECT * WHERE { " + wrap.format(x=inner) + " } LIMIT 3"
        if rng.random() < 0.1:
            query = query.replace("SERVICE", "\\u0053ERVICE", 1)
    elif pick < 0.7:
        depth = rng.choice([10, 63, 65, 200, 3000, 60000])
        query = rng.choice([
            "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }",
            "SELECT * WHERE { ?s " + "(" * depth + "<urn:p>" + ")" * depth + " ?o }",
            "SELECT * WHERE " + "{" * depth + "}" * depth,
            "SELECT * WHERE { FILTER(1" + "+1" * depth + ") }",
            "SELECT * WHERE { " + "?s <urn:p> ?o . " * depth + "}",
            "SELECT * WHERE { ?s <urn:p> " + "[ <urn:p> " * min(depth, 5000) + "1" + " ]" * min(depth, 5000) + " }",
        ])
    elif pick < 0.73:
        query = rng.choice(["SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a",
                            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "CONSTRUCT { ?a ?b ?d } WHERE { ?a ?b ?c . ?d ?e ?f }"])
    else:
        query = prologue + rng.choice(["SELECT * WHERE { ?s ?p ?o } LIMIT 5", "ASK { ?s ?p ?o }", "DESCRIBE <urn:x>", "DROP ALL", "LOAD <{u}>",
                                       "SELECT * FROM <{u}> WHERE { ?s ?p ?o }", text(rng, 60), "SELECT * WHERE { ?s ?p " + text(rng, 20) + " }"]
                                      ).replace("{u}", base + tag)
    params: list[str] = []
    if rng.random() < 0.3:
        params = ["-p", rng.choice(["s=<urn:x>", f"x) {{}} SERVICE <{base}{tag}> {{?s ?p ?o}} VALUES (?y=1", "o=" + text(rng, 10), text(rng, 6) + "=1"])]
    raw = query.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        raw = raw.replace(b"?", b"\xe9", 1)
    return {"files": {"q.rq": raw}, "args": ["query", "@q.rq", "--timeout", "1", *params, "-f", rng.choice(["json", "csv", "text"])],
            "tag": tag, "sparql": True}


PAYLOADS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "\\input{/etc/passwd}", "%%{init: {'theme':'dark'}}%%", "\x1b]0;pwned\x07\x1b[2J", "$\\frac{1}{2}$", "\uffff\ufffe", "a|b|c", "`x`",
            "[x](javascript:alert(1))", "}}{{", "&lt;&amp;"]


def gen_exports(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    payload = rng.choice(PAYLOADS)
    label = f"Fz{i} " + payload
    esc = label.replace("\\", "\\\\").replace('"', '\\"')
    url = rng.choice(["https://example.org/x", payload.replace('"', ""), "javascript:alert(1)", "x><img src=x onerror=alert(1)>"])
    ttl = (P + f'src:F{i} a rg:Source ; dct:identifier "F{i}" ; dct:title "{esc}" ; schema:url "{url.replace(chr(92), "")}" .\n'
           f'role:fz{i} a rg:Role ; skos:prefLabel "{esc}"@en ; skos:definition "{esc}"@en .\n'
           f'link:fz{i} a rg:SkillLink ; rg:dimension rg:TechSkills ; rg:role role:fz{i} ; rg:target skill:coding ; rg:importance 4 ; '
           f'rg:basis rg:External ; dct:source src:F{i} .\n'
           f'link:ft{i} a rg:TransitionLink ; rg:dimension rg:Background ; rg:role role:fz{i} ; rg:target role:technical-product-manager ; '
           f'rg:prevalence 2 ; rg:basis rg:External .\n')
    fmt = rng.choice(["csv", "tsv", "html", "markdown", "latex", "mermaid", "rich", "text", "json", "xlsx"])
    who = f"https://w3id.org/rolegraph/id/role/fz{i}"
    cmd = rng.choice([["show", who], ["roles"], ["path", who, "Tech PM"], ["compare", who, "Tech PM"], ["why", "Tech PM", payload or "x"]])
    args = [*cmd, "--data", "@data.ttl", "-f", fmt]
    if fmt == "xlsx":
        args += ["-o", "@out.xlsx"]
    return {"files": {"data.ttl": ttl.encode("utf-8", "surrogatepass")}, "args": args, "fmt": fmt, "payload": payload}


def gen_esco(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    files = {
        "occupations_en.csv": "conceptUri,preferredLabel,iscoGroup,code\nhttp://data.europa.eu/esco/occupation/o1,occ one,2511,2511.1\n",
        "skills_en.csv": "conceptUri,preferredLabel,skillType\nhttp://data.europa.eu/esco/skill/s1,skill one,knowledge\n",
        "occupationSkillRelations_en.csv": "occupationUri,relationType,skillUri\nhttp://data.europa.eu/esco/occupation/o1,essential,http://data.europa.eu/esco/skill/s1\n",
        "ISCOGroups_en.csv": "code,preferredLabel\n2511,Systems analysts\n",
    }
    out: dict[str, bytes] = {k: v.encode() for k, v in files.items()}
    name = rng.choice(sorted(files))
    how = rng.choice(["column", "bytes", "cell", "drop", "bigfield", "nul"])
    if how == "column":
        header, rest = files[name].split("\n", 1)
        cols = header.split(",")
        cols[rng.randrange(len(cols))] = text(rng, 8).replace(",", "").replace("\n", "")
        out[name] = (",".join(cols) + "\n" + rest).encode("utf-8", "surrogatepass")
    elif how == "bytes":
        out[name] = rng.randbytes(rng.randrange(1, 400))
    elif how == "cell":
        cell = text(rng).replace("\n", " ")
        out[name] = files[name].replace("occ one", cell).replace("skill one", cell).replace("essential", cell).encode("utf-8", "surrogatepass")
    elif how == "drop":
        del out[name]
    elif how == "bigfield":
        out[name] = files[name].encode() + b'"' + b"x" * 200000 + b'"\n'
    else:
        out[name] = files[name].encode().replace(b"one", b"o\x00ne")
    return {"files": out, "args": ["import-esco", "@.", "-o", "@esco-out.ttl"], "esco": True}


def gen_endpoint(rng: random.Random, i: int, ctx: dict[str, Any]) -> dict[str, Any]:
    mode = rng.choice(["ok", "wrongvars", "badstatus", "incomplete", "longheader", "deepjson", "redirect", "redirect307", "echo401", "garbage",
                       "html500", "trickle", "log"])
    tag = f"ep-{i}"
    url = f"http://{rng.choice([f'{USER}:{PASSWORD}@', ''])}127.0.0.1:{ctx['port']}/{mode}/{tag}"
    env = {"ROLEGRAPH_ENDPOINT_TIMEOUT": rng.choice(["2", "2", "inf", "-1", "abc", "0.5"])}
    creds = rng.choice(["token", "basic", "none"])
    if creds == "token":
        env["ROLEGRAPH_ENDPOINT_TOKEN"] = SECRET_TOKEN
    elif creds == "basic":
        env |= {"ROLEGRAPH_ENDPOINT_USER": USER, "ROLEGRAPH_ENDPOINT_PASSWORD": PASSWORD}
    cmd = rng.choice([["roles"], ["show", "Tech PM"], ["compare", "Tech PM", "Tech PgM"], ["query", "roles"], ["skills"]])
    return {"args": [*cmd, "--endpoint", url, "-f", "json"], "env": env, "mode": mode, "tag": tag}


GENERATORS: dict[str, Callable[[random.Random, int, dict[str, Any]], dict[str, Any]]] = {
    "names": gen_names, "options": gen_options, "turtle": gen_turtle, "sparql": gen_sparql, "exports": gen_exports, "esco": gen_esco,
    "endpoint": gen_endpoint,
}
SHARE = {"names": 0.25, "options": 0.15, "turtle": 0.08, "sparql": 0.35, "exports": 0.08, "esco": 0.07, "endpoint": 0.015, "signals": 0.005}


# --- running one input in-process ----------------------------------------------------------------

def prepare(work: Path) -> None:
    """Special files the option fuzzer points --output and --data at."""
    (work / "dir").mkdir(exist_ok=True)
    (work / "ro").mkdir(exist_ok=True)
    os.chmod(work / "ro", 0o500)
    if not (work / "fifo").exists():
        os.mkfifo(work / "fifo")
    if not (work / "link").exists():
        (work / "link").symlink_to("real.csv")


def run_case(case: dict[str, Any], work: Path) -> dict[str, Any]:
    """Run one input with CliRunner; return what happened (no judgement of security yet)."""
    from typer.testing import CliRunner

    from rolegraph.cli.app import app

    folder = Path(tempfile.mkdtemp(dir=work))
    for name, data in case.get("files", {}).items():
        (folder / name).write_bytes(data)
    # A real argv cannot hold NUL (C strings end there); files can.
    args = [(a.replace("@", str(folder) + "/", 1) if a.startswith("@") else a).replace("\x00", "") for a in case["args"]]
    old = {k: os.environ.get(k) for k in case.get("env", {})}
    os.environ.update(case.get("env", {}))
    try:
        result = CliRunner().invoke(app, args)
    finally:
        for k, v in old.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    exc = result.exception
    tb = (exc is not None and not isinstance(exc, SystemExit)) or "Traceback" in result.output
    out = result.stdout_bytes
    extra = {}
    if case.get("fmt") == "xlsx" and (folder / "out.xlsx").exists():
        extra["xlsx"] = (folder / "out.xlsx").read_bytes()
    if case.get("esco"):
        extra["esco_out"] = (folder / "esco-out.ttl").exists()
    shutil.rmtree(folder, ignore_errors=True)
    from rolegraph import deadline

    return {"code": result.exit_code, "traceback": tb, "abandoned": deadline.abandoned, "error": f"{type(exc).__name__}: {exc}"[:200] if tb and exc else "",
            "stdout": out[:400000], "stderr": result.stderr[:4000], **extra}


def worker(conn: Any, work: str) -> None:
    """Runs cases sent over ``conn`` until it is closed; the shipped knowledge base is opened once."""
    from rolegraph import deadline
    from rolegraph.cli import shared
    from rolegraph.kb import open_kb

    shipped = open_kb()
    real = shared.open_kb

    def cached(extra: Any = (), **kw: Any) -> Any:
        return shipped if not extra and not kw.get("endpoint") else real(extra, **kw)

    shared.open_kb = cached  # type: ignore[assignment]
    while True:
        try:
            case = conn.recv()
        except EOFError:
            return
        conn.send(run_case(case, Path(work)))
        if deadline.abandoned:  # a runaway query still runs in this worker: end it, the driver starts another
            conn.close()
            os._exit(0)


# --- judging ---------------------------------------------------------------------------------------

def security(category: str, case: dict[str, Any], res: dict[str, Any]) -> str:
    """A security failure in this result, or ''."""
    out, err = res["stdout"], res["stderr"]
    tag = case.get("tag")
    if tag and Hits.matching(f"/{tag}") and category != "endpoint":
        return "reached the network: " + Hits.matching(f"/{tag}")[0][:120]
    if "\x1b" in err or "\x9b" in err:
        return "terminal escape in an error line"
    if category == "endpoint":
        shown = out.decode("utf-8", "replace") + err
        if SECRET_TOKEN in shown or PASSWORD in shown or B64 in shown:
            return "credential printed"
        leaked = [h for h in Hits.matching(f"/log/elsewhere/{case['mode']}/{tag}") if "AUTH=None" not in h]
        if leaked:
            return "credentials sent to another origin"
        if case["mode"] not in ("ok", "log") and res["code"] == 0:
            return f"protocol error {case['mode']} answered with exit 0"
    if category == "exports":
        return export_failure(case, res)
    if category == "esco" and res["code"] != 0 and res.get("esco_out"):
        return "a failed import left its output"
    if b"root:x:0:0" in out:
        return "file content from file:// reached the output"
    return ""


def export_failure(case: dict[str, Any], res: dict[str, Any]) -> str:
    fmt, out = case["fmt"], res["stdout"].decode("utf-8", "replace")
    if res["code"] != 0:
        return ""
    if fmt in ("csv", "tsv"):
        rows = csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t")
        bad = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+(\.\d+)?", c)]
        return f"formula not neutralised: {bad[0][:40]!r}" if bad else ""
    if fmt == "html" and ("<script>" in out or "<img src=x" in out):
        return "raw HTML from data"
    if fmt == "markdown" and ("<img src=x" in out or "<script>" in out):
        return "raw HTML in Markdown (S6, helper output)"
    if fmt == "latex" and "\\input{/etc/passwd}" in out:
        return "raw LaTeX command from data"
    if fmt == "mermaid" and "%%{" in out:
        return "Mermaid directive from a label (S8, helper output)"
    if fmt in ("rich", "text") and ("\x1b]0;" in out or "\x1b[2J" in out):
        return "terminal escape from data in the view (S7, helper output)"
    if fmt == "xlsx" and "xlsx" in res:
        try:
            import xml.dom.minidom

            with zipfile.ZipFile(io.BytesIO(res["xlsx"])) as z:
                for n in z.namelist():
                    if n.endswith(".xml"):
                        xml.dom.minidom.parseString(z.read(n))
        except Exception as exc:  # any failure to read is the finding
            return f"unreadable workbook reported as written (D2, helper output): {type(exc).__name__}"
    return ""


# --- signals: the installed command as a subprocess -------------------------------------------------

def signal_case(rng: random.Random, i: int, exe: str, work: Path) -> dict[str, Any]:
    cmd = rng.choice([["validate"], ["roles"], ["compare", "Tech PM", "Tech PgM", "-f", "json"], ["roles", "-f", "csv", "-o", str(work / f"sig{i}.csv")]])
    # From 0.3 s on: before that the interpreter may still be starting, before any rolegraph code can handle a signal.
    delay = rng.choice([0.3, 0.4, 0.6, 0.8, 1.0, 1.5])
    sig = rng.choice([signal.SIGINT, signal.SIGINT, signal.SIGINT, signal.SIGKILL])
    env = {**os.environ, "NO_COLOR": "1", "ROLEGRAPH_CACHE_DIR": str(work / "sigcache")}
    proc = subprocess.Popen([exe, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    time.sleep(delay)
    proc.send_signal(sig)
    try:
        err = proc.communicate(timeout=60)[1].decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return {"hang": True, "input": f"{cmd} {sig.name} after {delay}s"}
    rc = proc.returncode
    res = {"input": f"{cmd} {sig.name} after {delay}s", "traceback": "Traceback" in err, "hang": False, "crash": False, "security": ""}
    if sig == signal.SIGINT:
        res["crash"] = rc not in (0, 130)
        if rc == 130 and not err.endswith("rolegraph: interrupted\n"):
            res["security"] = f"Ctrl-C without 'rolegraph: interrupted': {err.strip()[-80:]!r}"
    else:  # after kill -9: the next run leaves no scratch of the killed one behind
        subprocess.run([exe, "roles", "-f", "csv", "-o", str(work / f"sig{i}.csv")], capture_output=True, env=env, timeout=120)
        debris = [p.name for p in work.glob(f".sig{i}.csv.*.part")]
        res["security"] = f"scratch left after kill -9: {debris[:2]}" if debris else ""
    return res


# --- the run ---------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inputs", type=int, default=10000)
    ap.add_argument("--only", default="", help="comma-separated categories")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--case-timeout", type=float, default=30.0)
    ap.add_argument("--show", type=int, default=3, help="failing inputs shown per category")
    opts = ap.parse_args()
    chosen = [c for c in SHARE if not opts.only or c in opts.only.split(",")]
    total_share = sum(SHARE[c] for c in chosen)
    counts = {c: max(1, round(opts.inputs * SHARE[c] / total_share)) for c in chosen}
    rng = random.Random(opts.seed)
    random.seed(opts.seed)
    work = Path(tempfile.mkdtemp(prefix="rg-fuzz-"))
    prepare(work)
    os.environ.update({"NO_COLOR": "1", "ROLEGRAPH_CACHE_DIR": str(work / "cache"), "ROLEGRAPH_QUERY_TIMEOUT": "3"})
    other, other_port = start_server()
    main_server, port = start_server(redirect_port=other_port)
    ctx = {"port": port, "work": work}
    cases = [(c, i, GENERATORS[c](rng, i, ctx)) for c in chosen if c != "signals" for i in range(counts[c])]
    rng.shuffle(cases)
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    started = time.monotonic()

    def record(category: str, kind: str, what: str) -> None:
        stats[category][kind] += 1
        if kind != "inputs" and len(examples[category]) < opts.show:
            examples[category].append(f"{kind}: {what[:300]}")

    queue = list(cases)
    lock = threading.Lock()
    mp = multiprocessing.get_context("fork")

    def drive() -> None:
        conn, child = mp.Pipe()
        proc = mp.Process(target=worker, args=(child, str(work)), daemon=True)
        proc.start()
        while True:
            with lock:
                if not queue:
                    break
                category, _, case = queue.pop()
            conn.send(case)
            shown = repr(case["args"])[:200]
            record(category, "inputs", "")
            if not conn.poll(opts.case_timeout):
                proc.kill()
                proc.join()
                record(category, "hangs", shown)
            else:
                try:
                    res = conn.recv()
                except (EOFError, ConnectionError):
                    proc.join()
                    record(category, "crashes", f"signal {-(proc.exitcode or 0)}: {shown}")
                else:
                    if res["traceback"]:
                        record(category, "tracebacks", f"{res['error'] or res['stderr'][-200:]} <- {shown}")
                    elif res["code"] not in DOCUMENTED:
                        record(category, "crashes", f"exit {res['code']} <- {shown}")
                    failure = security(category, case, res)
                    if failure:
                        record(category, "security", f"{failure} <- {shown}")
                    if not res.get("abandoned"):
                        continue
                    proc.join(10)
            conn, child = mp.Pipe()
            proc = mp.Process(target=worker, args=(child, str(work)), daemon=True)
            proc.start()
        conn.close()
        proc.join(5)

    threads = [threading.Thread(target=drive) for _ in range(max(1, opts.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if "signals" in chosen:
        exe = shutil.which("rolegraph", path=str(Path(sys.executable).parent)) or shutil.which("rolegraph")
        for i in range(counts["signals"]):
            if exe is None:
                break
            res = signal_case(rng, i, exe, work)
            record("signals", "inputs", "")
            for kind in ("traceback", "crash", "hang"):
                if res.get(kind):
                    record("signals", {"traceback": "tracebacks", "crash": "crashes", "hang": "hangs"}[kind], res["input"])
            if res.get("security"):
                record("signals", "security", f"{res['security']} <- {res['input']}")
    main_server.shutdown()
    other.shutdown()
    os.chmod(work / "ro", 0o700)
    shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz: seed {opts.seed}, {sum(s['inputs'] for s in stats.values())} inputs in {time.monotonic() - started:.0f} s")
    print(f"{'category':<10} {'inputs':>7} {'tracebacks':>11} {'crashes':>8} {'hangs':>6} {'security':>9}")
    failed = 0
    for c in chosen:
        s = stats[c]
        print(f"{c:<10} {s['inputs']:>7} {s['tracebacks']:>11} {s['crashes']:>8} {s['hangs']:>6} {s['security']:>9}")
        failed += s["tracebacks"] + s["crashes"] + s["hangs"] + s["security"]
    s = Counter[str]()
    for c in chosen:
        s.update(stats[c])
    print(f"{'total':<10} {s['inputs']:>7} {s['tracebacks']:>11} {s['crashes']:>8} {s['hangs']:>6} {s['security']:>9}")
    for c in chosen:
        for line in examples[c]:
            print(f"  {c}: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
