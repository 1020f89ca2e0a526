"""moto's server with one addition the `run` tests need.

moto reports exit code 0 for every task it stops. Here a task's containers exit with the code
that the run's environment override `MOTO_EXIT_CODE` names, the stand-in for a command that
exits with it. Nothing else of moto changes.
"""

import sys

from moto.ecs import models
from moto.server import main

_task_init = models.Task.__init__


def _task_with_exit_code(self, *args, **kwargs):
    _task_init(self, *args, **kwargs)
    for override in (self.overrides or {}).get("containerOverrides") or []:
        for pair in override.get("environment") or []:
            if pair.get("name") == "MOTO_EXIT_CODE":
                for container in self.containers:
                    container.exitCode = int(pair["value"])


models.Task.__init__ = _task_with_exit_code

if __name__ == "__main__":
    main(sys.argv[1:])
