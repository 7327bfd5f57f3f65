"""Loading the Rasa agent inside the web server process.

Rasa 3.6 only runs custom actions over HTTP (an action server). `privacybot serve`
runs them in-process instead: :class:`InProcessActionEndpoint` is an
``EndpointConfig`` whose ``request`` hands the action call straight to rasa-sdk's
``ActionExecutor``. One process, no extra port, no second copy of the tracker on
the wire. `rasa shell`/`rasa run` keep using the HTTP action server from endpoints.yml.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, Optional

# Rasa takes seconds to import: bot.app imports this module only when it loads the model,
# so `privacybot` commands and the port's first answers do not wait for it.
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.agent import load_agent as rasa_load_agent
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

from bot import paths
from bot.settings import Config

logger = logging.getLogger(__name__)


class ModelMissing(RuntimeError):
    """No trained model exists in the model directory."""


class InProcessActionEndpoint(EndpointConfig):
    """Runs custom actions from the ``actions`` package in this process."""

    def __init__(self, package: str = "actions") -> None:
        super().__init__(url=f"in-process://{package}")
        self.executor = ActionExecutor()
        self.executor.register_package(package)

    async def request(
        self,
        method: str = "post",
        subpath: Optional[str] = None,
        content_type: Optional[str] = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Optional[Dict[str, Any]]:
        """Run the action call in ``kwargs["json"]`` with rasa-sdk's executor."""
        call = kwargs["json"]
        try:
            return await self.executor.run(call)
        except SdkRejection as exc:
            # Same contract as the HTTP server's 400 answer: Rasa tries another action.
            raise ActionExecutionRejection(exc.action_name, exc.message) from None


def _skip_schema_check_for(endpoint_class: type) -> None:
    """Let Rasa skip its JSON-schema check of responses from in-process actions.

    Rasa validates every action server response against a large JSON schema; for
    our own actions in this process that was 42-49 % of a replica's CPU per message
    (py-spy, bench/bench_soak.py). rasa-sdk's executor has already validated the
    events it returns, and nothing crossed a network. HTTP action servers keep the check.
    """
    original = RemoteAction._validate_action_result
    if getattr(original, "_skips_in_process", False):
        return

    def validate(self: Any, result: Dict[str, Any]) -> bool:
        if isinstance(self.action_endpoint, endpoint_class):
            return True
        return original(self, result)

    validate._skips_in_process = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = validate


def in_process_action_endpoint(package: str = "actions") -> InProcessActionEndpoint:
    """An action endpoint that executes ``package``'s actions without HTTP."""
    _skip_schema_check_for(InProcessActionEndpoint)  # once: later calls find the patch in place
    return InProcessActionEndpoint(package)


def read_endpoints(endpoints_file: Path = paths.ENDPOINTS_FILE) -> Any:
    """endpoints.yml with the action endpoint replaced by the in-process one."""
    endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file))
    endpoints.action = in_process_action_endpoint()
    return endpoints


async def load_agent(config: Config, model_path: Optional[Path] = None) -> Any:
    """Load the newest trained model with the configured tracker and lock stores.

    Raises :class:`ModelMissing` when there is no model (the serve command trains first).
    """
    model = model_path or paths.newest_model(Path(config.model_dir))
    if model is None:
        raise ModelMissing(f"no trained model in {config.model_dir}; run `privacybot train`")
    agent = await rasa_load_agent(model_path=str(model), endpoints=read_endpoints())
    if not agent.is_ready():
        raise ModelMissing(f"model {model} could not be loaded")
    logger.info("agent loaded from %s", Path(model).name)
    return agent
