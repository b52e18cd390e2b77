"""Fields shown to the public in each UI language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from secretariat.formats.models import DialogueFormat, MemberState


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name", "capital")


@register(DialogueFormat)
class DialogueFormatTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")
