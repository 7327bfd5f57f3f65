"""The Rasa agent, which may still be loading when the first request arrives.

`privacybot serve` binds its port first and loads the model in the background, so
/health can say "loading" instead of the connection being refused. A chat message
that arrives during loading waits for the agent (up to ``wait_seconds``) rather than
failing.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional

from bot.web.responses import ApiError, service_unavailable

logger = logging.getLogger(__name__)


class AgentHolder:
    """Holds the agent once loaded, or the reason it could not be loaded."""

    def __init__(self, agent: Any = None) -> None:
        self._agent = agent
        self._ready = asyncio.Event()
        self.error: Optional[str] = None
        if agent is not None:
            self._ready.set()

    @property
    def agent(self) -> Any:
        """The loaded agent, or None while loading (or after a failed load)."""
        return self._agent

    @property
    def model_name(self) -> Optional[str]:
        """File name of the loaded model, for /health."""
        if self._agent is None:
            return None
        return getattr(self._agent.processor, "model_filename", None)

    async def load(self, loader: Callable[[], Awaitable[Any]]) -> None:
        """Run ``loader`` and keep its agent; on failure keep a readable reason."""
        try:
            self._agent = await loader()
        except Exception as exc:  # the reason goes to /health; the server stays up
            self.error = f"{type(exc).__name__}: {exc}"
            logger.error("agent could not be loaded (%s)", type(exc).__name__)
        finally:
            self._ready.set()

    async def get(self, wait_seconds: float = 60.0) -> Any:
        """The agent; waits while it is loading, 503 when it is not there."""
        if self._agent is None and not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), timeout=wait_seconds)
            except asyncio.TimeoutError:
                raise service_unavailable("The assistant is still starting.") from None
        if self._agent is None:
            raise ApiError(503, "no_model", "The assistant's model could not be loaded.")
        return self._agent
