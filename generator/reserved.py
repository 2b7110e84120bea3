"""Names the generated SDK uses for itself, and the modules it imports: no name from a collection takes one.

Each set belongs to one namespace of the generated code (an operation's parameters, a resource class's
attributes, a module's globals, the ``resources`` package, the import system); ``generator.naming`` hands
out names that avoid them.
"""

from __future__ import annotations

# Names an operation's own signature and body use; a collection's parameter may not take them.
OPERATION_RESERVED = frozenset(
    {
        "self",
        "cls",
        "client",
        "timeout",
        "headers",
        "query",
        "json",
        "body",
        "auth",
        "http_client",
        "variables",
        "extra_headers",
        "extra_query",
        "max_retries",
        "files",
        "data",
        "content",
        "params",
        "request",
        "response",
        "spec",
        "args",
        "file",
        # module-level names an operation's body or signature refers to
        "models",
        "httpx",
        "annotations",
        "invoke",
        "asynced",
        "operations",
    }
)
# Attributes a resource or client class has of its own, and the names its class body refers to (the
# client's ``@cached_property``; annotations, which a type checker resolves in the class scope first).
RESOURCE_RESERVED = frozenset(
    {
        "_client",
        "close",
        "aclose",
        "with_raw_response",
        "variables",
        "base_url",
        "cached_property",
        "asynced",
        "invoke",
        "models",
        "httpx",
        "annotations",
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "object",
        "dict",
        "list",
        "tuple",
        "type",
    }
)
# Module-level names the generated models/errors/client modules import or define.
MODULE_RESERVED = frozenset(
    {
        "Any",
        "Mapping",
        "Sequence",
        "Self",
        "annotations",
        "dataclass",
        "field",
        "httpx",
        "Client",
        "AsyncClient",
        "APIError",
        "APIStatusError",
        "APIConnectionError",
        "APITimeoutError",
        "RawResponse",
        "Model",
        "JSON",
    }
)
# Names ``resources/__init__.py`` binds: a folder's module of the same name would replace them there.
RESOURCE_MODULE_RESERVED = RESOURCE_RESERVED | frozenset(
    {"functools", "json", "models", "operations", "operation", "converter", "invoke", "asynced", "cast"}
)

# The standard library's public top-level modules on Python 3.10 to 3.14 (a fixed list, so a package's name
# does not depend on the Python that generates it).
STDLIB_MODULES = frozenset(
    (
        "abc aifc annotationlib antigravity argparse array ast asynchat asyncio asyncore atexit audioop "
        "base64 bdb binascii binhex bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code "
        "codecs codeop collections colorsys compileall compression concurrent configparser contextlib "
        "contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis "
        "distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch "
        "fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib "
        "heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json "
        "keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap "
        "modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode "
        "operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib "
        "poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat "
        "queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors "
        "shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile "
        "sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys "
        "sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit "
        "tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing "
        "unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref "
        "xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo "
    ).split()
)
# Top-level modules a generated SDK, its tests or its dependencies import: a package of that name would
# shadow them (``src/`` on ``sys.path`` comes before the standard library).
IMPORTED_MODULES = STDLIB_MODULES | frozenset(
    {"tests", "httpx", "httpcore", "h11", "h2", "anyio", "sniffio", "certifi", "idna", "pytest", "_pytest"}
    | {"pluggy", "iniconfig", "packaging", "conftest", "setuptools", "pkg_resources", "typing_extensions"}
    # the SDK's own test modules, importable by these names while its tests run
    | {"_harness", "runtime_test", "loopback_test"}
)

# Names ``_client.py`` and the resource modules import or define beside the resource classes.
RESOURCE_CLASS_RESERVED = MODULE_RESERVED | frozenset(
    {"Operation", "Query", "Header", "Body", "Field", "Auth", "FileInput", "SyncRuntime", "AsyncRuntime"}
    | {"Config", "Awaitable", "Callable", "TracebackType", "ParamSpec", "TypeVar", "P", "T"}
    | {"DEFAULTS", "ENVIRONMENT", "TYPE_CHECKING", "cached_property", "capture", "acapture"}
)
