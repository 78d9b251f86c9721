"""The one way a form page works: show the form; on a valid POST call the service; a domain
or validation error goes back onto the form (nothing typed is lost); success redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from meedoen.teams.errors import DomainError


def form_errors_apply(form: forms.BaseForm, error: ValidationError | DomainError) -> None:
    """Put a service's error on the form: per field where the service names one."""
    if isinstance(error, DomainError):
        form.add_error(None, str(error.message))
    elif hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], HttpResponse],
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """`save` gets the cleaned data and calls the service; `done` gets its result and returns
    the redirect. Invalid input answers 400 with the form and its error summary."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except (ValidationError, DomainError) as error:
            form_errors_apply(form, error)
        else:
            return done(result)
    return render(
        request,
        template,
        {"form": form, **(context or {})},
        status=400 if request.method == "POST" else 200,
    )


def redirect_with_message(request: HttpRequest, message: str, url: str) -> HttpResponse:
    """After a change: say what happened, and go where the person sees the result."""
    messages.success(request, message)
    return redirect(url)
