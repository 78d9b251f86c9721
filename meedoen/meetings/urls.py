from django.urls import path

from meedoen.meetings import views

app_name = "meetings"

urlpatterns = [
    path("bijeenkomsten/", views.meeting_list, name="meeting_list"),
    path("bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("bijeenkomsten/<int:meeting_id>/bewerken/", views.meeting_update, name="meeting_update"),
    path("bijeenkomsten/<int:meeting_id>/annuleren/", views.meeting_cancel, name="meeting_cancel"),
    path("bijeenkomsten/<int:meeting_id>/klaar/", views.meeting_ready, name="meeting_ready"),
    path("bijeenkomsten/<int:meeting_id>/rollen/", views.meeting_roles, name="meeting_roles"),
    path(
        "bijeenkomsten/<int:meeting_id>/taken/nieuw/",
        views.checklist_item_create,
        name="checklist_item_create",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/scenarios/nieuw/",
        views.scenario_form,
        name="scenario_create",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/scenarios/<int:scenario_id>/",
        views.scenario_form,
        name="scenario_update",
    ),
    path("bijeenkomsten/<int:meeting_id>/programma/", views.programme, name="programme"),
    path("bijeenkomsten/<int:meeting_id>/draaiboek/", views.run_sheet, name="run_sheet"),
    path(
        "bijeenkomsten/<int:meeting_id>/draaiboek/actie/",
        views.run_sheet_action,
        name="run_sheet_action",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/werving/nieuw/",
        views.outreach_form,
        name="outreach_create",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/werving/<int:outreach_action_id>/",
        views.outreach_form,
        name="outreach_update",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/materialen/nieuw/",
        views.material_form,
        name="material_create",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/materialen/<int:material_id>/",
        views.material_form,
        name="material_update",
    ),
    path(
        "taken/<int:checklist_item_id>/", views.checklist_item_update, name="checklist_item_update"
    ),
    path("scenarios/<int:scenario_id>/verwijderen/", views.scenario_delete, name="scenario_delete"),
    path(
        "programma/<int:programme_item_id>/",
        views.programme_item_update,
        name="programme_item_update",
    ),
    path(
        "programma/<int:programme_item_id>/actie/",
        views.programme_item_action,
        name="programme_item_action",
    ),
    path("checklist-sjabloon/", views.checklist_template, name="checklist_template"),
    path(
        "checklist-sjabloon/nieuw/",
        views.checklist_template_item,
        name="checklist_template_item_create",
    ),
    path(
        "checklist-sjabloon/<int:team_checklist_item_id>/",
        views.checklist_template_item,
        name="checklist_template_item_update",
    ),
    path("tips/verbergen/", views.tip_dismiss, name="tip_dismiss"),
    path("tips/nieuw/", views.team_tip_create, name="team_tip_create"),
    path("locaties/", views.venue_list, name="venue_list"),
    path("locaties/nieuw/", views.venue_form, name="venue_create"),
    path("locaties/<int:venue_id>/", views.venue_form, name="venue_update"),
    path("agenda/", views.calendar_settings, name="calendar_settings"),
]
