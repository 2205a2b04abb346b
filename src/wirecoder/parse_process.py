"""Parsing in a process of its own, so that coding overlaps the parse on a second core.

spaCy's parse is most of a run's time, and it holds the GIL: a thread that codes, reads or
stores beside it slows it down. A :class:`ParseProcess` runs one language's pipeline
(:class:`wirecoder.nlp.Parser`, normalisation and label rewriting included) in a child
process. Texts go in by batch (:meth:`ParseProcess.submit`); their docs come back as one
array of token attributes each, with the strings they use (a third of ``Doc.to_bytes``'s
cost: no ``Token`` is made; the tensor, which no later stage reads, stays behind), and are
rebuilt on a blank vocabulary of the language (:meth:`ParseProcess.collect`), identical to
the docs parsed here.

A run submits the next batch before it codes the current one
(:func:`wirecoder.run.overlapped_engine`): the child parses while this process reads, codes
and stores, and this process never loads the model.

The child ends when it is closed, when this process ends (normally or killed: it watches its
parent), or when its pipeline fails to load, which :meth:`ParseProcess.collect` reports as
:class:`~wirecoder.nlp.ModelNotInstalledError`. A child that dies is started again by the
next :meth:`~ParseProcess.submit`; the batches it held raise :class:`ParseProcessError`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, cast

from wirecoder.nlp import ModelNotInstalledError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from thinc.types import Ints2d

__all__ = ["ParseProcess", "ParseProcessError"]

# a doc on its way: its attributes as bytes, its number of tokens, the strings they use
_Packed = tuple[bytes, int, list[str]]
# a reply: (ticket, packed docs) or (ticket, (error type, message)); ticket -1 is the
# child's word that its pipeline loaded (or not)
_Reply = tuple[int, "list[_Packed] | tuple[str, str]"]
_READY = -1
# what a doc is made of after the parse; the first two make the words, the rest are set on them
_ATTRS = (
    *("ORTH", "SPACY", "LEMMA", "NORM", "TAG", "POS", "MORPH", "HEAD", "DEP"),
    *("ENT_IOB", "ENT_TYPE", "SENT_START"),
)
_STRINGS = [_ATTRS.index(a) for a in ("ORTH", "LEMMA", "NORM", "TAG", "MORPH", "DEP", "ENT_TYPE")]
_POLL = 0.5  # seconds between checks that the other side is still there


class ParseProcessError(RuntimeError):
    """The parse process failed on a batch, or ended before answering it."""


class ParseProcess:
    """One language's spaCy pipeline in a child process. Close it when done (or use ``with``).

    >>> parser = ParseProcess("fr")
    >>> ticket = parser.submit(["Le président a reçu son homologue."])
    >>> [doc] = parser.collect(ticket)
    """

    def __init__(self, lang: str, model: str | None = None, batch_size: int = 32) -> None:
        import spacy

        self.lang = lang
        self.model = model
        self.batch_size = batch_size
        self.vocab: Vocab = spacy.blank(lang).vocab  # strings come with each doc's bytes
        self._process: BaseProcess | None = None
        self._tasks: Any = None
        self._replies: Any = None
        self._done: dict[int, list[_Packed] | tuple[str, str]] = {}
        self._pending: set[int] = set()
        self._next = 0
        self._failed: tuple[str, str] | None = None  # the pipeline's load error, if it failed
        self._start()

    @property
    def pid(self) -> int | None:
        """The child's process id (None while none runs)."""
        return self._process.pid if self._process is not None else None

    def submit(self, texts: Sequence[str]) -> int:
        """Send ``texts`` to be parsed; the ticket :meth:`collect` takes. Does not wait."""
        if self._failed is not None:
            _raise(self._failed)
        if self._process is None or not self._process.is_alive():
            self._start()
        ticket = self._next
        self._next += 1
        self._tasks.put((ticket, list(texts)))
        self._pending.add(ticket)
        return ticket

    def collect(self, ticket: int) -> list[Doc]:
        """The docs of a submitted batch, in the order of its texts (waits for them)."""
        while ticket not in self._done:
            if ticket not in self._pending:
                raise ParseProcessError(f"no batch {ticket} was submitted, or it was collected")
            self._receive()
        reply = self._done.pop(ticket)
        if isinstance(reply, tuple):
            _raise(reply)
        return [_unpack(self.vocab, packed) for packed in reply]

    def parse_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """Parse ``texts`` (as :meth:`wirecoder.nlp.Parser.parse_many`), waiting for them."""
        return iter(self.collect(self.submit(list(texts))))

    def close(self) -> None:
        """Stop the child (it finishes the batch it is parsing); idempotent."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self._tasks.put(None)
            process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join(timeout=5)
        for channel in (self._tasks, self._replies):
            channel.close()
            channel.join_thread()

    def __enter__(self) -> ParseProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        if self._process is not None:
            self.close()
        for ticket in self._pending:  # held by a child that died
            self._done[ticket] = ("ChildEnded", "the parse process ended before answering")
        self._pending.clear()
        self._done.pop(_READY, None)
        context = multiprocessing.get_context("spawn")  # no fork: this process has threads
        self._tasks, self._replies = context.Queue(), context.Queue()
        self._process = context.Process(
            target=_serve,
            args=(self._tasks, self._replies, self.lang, self.model, self.batch_size, os.getpid()),
            name=f"wirecoder-parse-{self.lang}",
            daemon=True,
        )
        self._process.start()
        self._pending.add(_READY)

    def _receive(self) -> None:
        """Take one reply, or notice that the child has ended."""
        try:
            ticket, payload = self._replies.get(timeout=_POLL)
        except queue.Empty:
            if self._process is not None and self._process.is_alive():
                return
            code = self._process.exitcode if self._process is not None else None
            for waiting in self._pending:
                self._done[waiting] = ("ChildEnded", f"the parse process ended (exit {code})")
            self._pending.clear()
            self._process = None
            return
        self._pending.discard(ticket)
        if ticket == _READY:
            if isinstance(payload, tuple):  # the pipeline did not load: every batch says so
                self._failed = payload
                for waiting in self._pending:
                    self._done[waiting] = payload
                self._pending.clear()
            return
        self._done[ticket] = payload


def _pack(doc: Doc) -> _Packed:
    """A parsed doc as its attribute array and the strings the array's hashes stand for."""
    import numpy

    array = doc.to_array(list(_ATTRS))
    strings = doc.vocab.strings
    used = numpy.unique(array[:, _STRINGS]).tolist()
    return array.tobytes(), len(array), [strings[h] for h in used if h]


def _unpack(vocab: Vocab, packed: _Packed) -> Doc:
    """The doc :func:`_pack` packed, on ``vocab``."""
    import numpy
    from spacy.tokens import Doc

    data, length, used = packed
    for text in used:
        vocab.strings.add(text)
    array = numpy.frombuffer(data, dtype=numpy.uint64).reshape(length, len(_ATTRS))
    words = [vocab.strings[h] for h in array[:, 0].tolist()]
    doc = Doc(vocab, words=words, spaces=[bool(s) for s in array[:, 1].tolist()])
    return doc.from_array(list(_ATTRS[2:]), cast("Ints2d", array[:, 2:].copy()))


def _raise(error: tuple[str, str]) -> NoReturn:
    kind, message = error
    if kind == ModelNotInstalledError.__name__:
        raise ModelNotInstalledError(message)
    raise ParseProcessError(f"parsing failed ({kind}: {message})")


def _serve(
    tasks: Any, replies: Any, lang: str, model: str | None, batch_size: int, parent: int
) -> None:
    """The child: load the pipeline, then parse batches until told to stop or orphaned."""
    from wirecoder.nlp import Parser

    try:
        parser = Parser.load(lang, model)
    except Exception as exc:  # reported to the parent, which raises it where it waits
        replies.put((_READY, (type(exc).__name__, str(exc))))
        return
    replies.put((_READY, []))
    while True:
        try:
            task = tasks.get(timeout=_POLL)
        except queue.Empty:
            task = ()
        if os.getppid() != parent:  # the parent is gone (killed): nobody will read again,
            replies.cancel_join_thread()  # so exit without waiting to hand over replies
            return
        if task is None:
            return
        if not task:
            continue
        ticket, texts = task
        try:
            docs = parser.parse_many(texts, batch_size=batch_size)
            reply: _Reply = (ticket, [_pack(doc) for doc in docs])
        except Exception as exc:  # one batch's failure: the parent retries its texts
            reply = (ticket, (type(exc).__name__, str(exc)))
        replies.put(reply)
