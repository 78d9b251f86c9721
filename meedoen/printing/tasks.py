"""Background work of the printing room: large print runs. Tasks take ids and call a service."""

from django_tasks import task


@task()
def print_run_generate_task(print_run_id: int) -> None:
    from meedoen.printing.services import print_run_generate

    print_run_generate(print_run_id=print_run_id)
