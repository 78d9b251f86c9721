from django.urls import include, path

from meedoen.plans import views

app_name = "plans"

plan_patterns = [
    path("", views.plan_detail, name="plan_detail"),
    path("bewerken/", views.plan_update, name="plan_update"),
    path("status/", views.plan_status, name="plan_status"),
    path("afdrukken/", views.plan_print, name="plan_print"),
    path("export.pdf", views.plan_export_pdf, name="plan_export_pdf"),
    path("export.docx", views.plan_export_docx, name="plan_export_docx"),
    path("stakeholders/nieuw/", views.stakeholder_create, name="stakeholder_create"),
    path("treden/", views.plan_rungs, name="plan_rungs"),
    path("treden/<str:rung>/", views.rung_plan_update, name="rung_plan_update"),
    path("momenten/nieuw/", views.moment_create, name="moment_create"),
    path("sessie/openen/", views.mapping_session_open, name="mapping_session_open"),
]

urlpatterns = [
    path("plannen/", views.plan_list, name="plan_list"),
    path("plannen/nieuw/", views.plan_create, name="plan_create"),
    path("plannen/<int:participation_plan_id>/", include(plan_patterns)),
    path("stakeholders/<int:stakeholder_id>/", views.stakeholder_update, name="stakeholder_update"),
    path(
        "stakeholders/<int:stakeholder_id>/verwijderen/",
        views.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path(
        "momenten/<int:planned_moment_id>/verwijderen/", views.moment_delete, name="moment_delete"
    ),
    path("methoden/", views.method_list, name="method_list"),
    path("methoden/nieuw/", views.method_create, name="method_create"),
    path("methoden/<int:method_id>/verbergen/", views.method_hide, name="method_hide"),
    path(
        "sessies/<int:mapping_session_id>/",
        views.mapping_session_detail,
        name="mapping_session_detail",
    ),
    path(
        "sessies/<int:mapping_session_id>/stap/",
        views.mapping_session_step,
        name="mapping_session_step",
    ),
    path(
        "sessies/<int:mapping_session_id>/notities/",
        views.mapping_note_create,
        name="mapping_note_create",
    ),
    path(
        "sessies/<int:mapping_session_id>/besluit/",
        views.mapping_decision_create,
        name="mapping_decision_create",
    ),
    path("notities/<int:mapping_note_id>/", views.mapping_note_place, name="mapping_note_place"),
    path(
        "notities/<int:mapping_note_id>/reflectie/",
        views.mapping_reflection_create,
        name="mapping_reflection_create",
    ),
]
