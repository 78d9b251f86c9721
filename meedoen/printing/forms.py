"""One form per kind of document on the print page. Each gives the JSON-safe `options` the
document is made from (the same for an immediate download and for a worker run)."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from meedoen.printing.addresses import (
    MAX_ADDRESSES,
    AddressError,
    address_csv_parse,
    address_lines_parse,
    street_ranges_parse,
)
from meedoen.printing.layouts import DEFAULT_LABEL_STOCK, LABEL_STOCKS
from meedoen.printing.models import DocumentKind

LOGO_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_BYTES = 2 * 1024 * 1024


def _languages() -> list[tuple[str, Any]]:
    return list(settings.LANGUAGES)


class PrintForm(forms.Form):
    kind: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.kind)
        super().__init__(*args, **kwargs)

    def options(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not isinstance(value, UploadedFile | bytes)
        }


class BadgesForm(PrintForm):
    kind = DocumentKind.BADGES

    who = forms.ChoiceField(
        label=_("For whom"),
        choices=[
            ("registered", _("everyone registered, with the people they bring along")),
            ("present", _("only the people checked in at the door, and walk-ins")),
            ("team", _("the team, with their role")),
            ("blank", _("only blank badges")),
        ],
        initial="registered",
        widget=forms.RadioSelect,
    )
    layout = forms.ChoiceField(
        label=_("Paper"),
        choices=[(stock.key, stock.name) for stock in LABEL_STOCKS],
        initial=DEFAULT_LABEL_STOCK,
        help_text=_("Check the label size on the box; print at 100 %, not “fit to page”."),
    )
    second_line = forms.ChoiceField(
        label=_("Second line"),
        choices=[
            ("", _("nothing")),
            ("organisation", _("organisation, or else “I come as”")),
            ("comes_as", _("“I come as”")),
        ],
        initial="organisation",
        required=False,
    )
    surname = forms.BooleanField(label=_("Also the surname, small"), required=False)
    tables = forms.BooleanField(label=_("Table number per round"), required=False, initial=True)
    blanks = forms.IntegerField(
        label=_("Extra blank badges for walk-ins"),
        min_value=0,
        max_value=500,
        initial=10,
        required=False,
    )

    def clean_blanks(self) -> int:
        return self.cleaned_data.get("blanks") or 0


class TableListsForm(PrintForm):
    kind = DocumentKind.TABLE_LISTS


class WallListForm(PrintForm):
    kind = DocumentKind.WALL_LIST


class SignInForm(PrintForm):
    kind = DocumentKind.SIGN_IN

    blank_rows = forms.IntegerField(
        label=_("Empty rows for walk-ins"), min_value=0, max_value=300, initial=15
    )


class LanguageMixin(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="nl")


class PosterForm(PrintForm, LanguageMixin):
    kind = DocumentKind.POSTER
    field_order = ["paper", "language", "logo"]

    paper = forms.ChoiceField(
        label=_("Size"),
        choices=[
            ("A3", _("A3 poster")),
            ("A4", _("A4 poster")),
            ("A5", _("A5 flyer")),
            ("A6", _("A6 flyer")),
        ],
        initial="A4",
    )
    logo = forms.FileField(
        label=_("Logo of the team or municipality"),
        required=False,
        help_text=_("PNG or JPEG, at most 2 MB. Only used for this print, not kept."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, allow_logo: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_logo:
            del self.fields["logo"]

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size and upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 2 MB."))
        content = upload.read()
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
                kind = image.format
                if image.width * image.height > 25_000_000:
                    raise forms.ValidationError(_("The logo has too many pixels."))
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as e:
            raise forms.ValidationError(_("The logo is not a PNG or JPEG image.")) from e
        if kind not in ("PNG", "JPEG"):
            raise forms.ValidationError(_("The logo is not a PNG or JPEG image."))
        return bytes(content)


class TipCardsForm(PrintForm, LanguageMixin):
    kind = DocumentKind.TIP_CARDS
    field_order = ["size", "count", "prompt", "language"]

    size = forms.ChoiceField(
        label=_("Size"),
        choices=[("A6", _("A6: 4 cards per A4")), ("A7", _("A7: 8 cards per A4"))],
        initial="A6",
    )
    count = forms.IntegerField(label=_("Number of cards"), min_value=1, max_value=1000, initial=40)
    prompt = forms.CharField(
        label=_("Question on the card"),
        max_length=160,
        required=False,
        help_text=_("Empty: “Your tip or idea for the neighbourhood:”."),
    )


class LettersForm(PrintForm, LanguageMixin):
    kind = DocumentKind.LETTERS
    field_order = ["addresses", "streets", "file", "city", "phone", "language"]

    addresses = forms.CharField(
        label=_("Addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line: street and house number, then postcode and place; a name first "
            "where you know it, for example “Fatma Yılmaz, Lindelaan 7, 1234 AB Rivierstad”."
        ),
    )
    streets = forms.CharField(
        label=_("Streets with house numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, for example “Lindelaan 1-35 oneven” or “Eikstraat 2-20 even”. "
            "Each house gets a letter “to the residents of”."
        ),
    )
    file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_("Columns: name; street; house number; postcode; place. At most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    city = forms.CharField(
        label=_("Place"),
        max_length=80,
        required=False,
        help_text=_("For addresses without a place."),
    )
    phone = forms.CharField(
        label=_("Phone number for signing up"),
        max_length=30,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        city = (data.get("city") or "").strip()
        recipients = []
        try:
            recipients += address_lines_parse(data.get("addresses") or "", city=city)
            recipients += street_ranges_parse(data.get("streets") or "", city=city)
            upload = data.get("file")
            if upload:
                if upload.size and upload.size > CSV_MAX_BYTES:
                    raise AddressError(_("The file is larger than 2 MB."))
                recipients += address_csv_parse(upload.read(), city=city)
        except AddressError as error:
            raise forms.ValidationError(str(error.message)) from error
        if not recipients:
            raise forms.ValidationError(
                _("Give at least one address, street or file."), code="required"
            )
        if len(recipients) > MAX_ADDRESSES:
            raise forms.ValidationError(
                _("At most %(max)s letters at a time.") % {"max": MAX_ADDRESSES}
            )
        data["recipients"] = [[r.street, r.postcode, r.city, r.name] for r in recipients]
        return data

    def options(self) -> dict[str, Any]:
        return {
            "language": self.cleaned_data["language"],
            "phone": self.cleaned_data.get("phone", ""),
            "recipients": self.cleaned_data["recipients"],
        }


FORMS: dict[str, type[PrintForm]] = {
    form.kind: form
    for form in (
        BadgesForm,
        TableListsForm,
        WallListForm,
        SignInForm,
        PosterForm,
        TipCardsForm,
        LettersForm,
    )
}
