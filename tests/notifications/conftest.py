import pytest

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run synchronously when enqueued (on commit): what these tests
    check is the message, not the queue (tests/notifications/test_worker.py
    runs the real database backend)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks, immediate_tasks):
    """Run the on-commit callbacks (the delivery) of what happens inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
