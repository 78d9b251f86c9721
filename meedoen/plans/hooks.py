"""What the plans room puts into the shared frames: menu item, dashboard panel, audit words."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.plans.selectors import plans_for_actor
from meedoen.teams.audit import audit_action_register
from meedoen.teams.dashboard import DashboardPanel, dashboard_panel_register
from meedoen.teams.models import Membership
from meedoen.teams.navigation import NavItem, nav_item_register

nav_item_register(NavItem("plans.plans", _("Plans"), "plans:plan_list", order=100))
nav_item_register(NavItem("plans.methods", _("Methods"), "plans:method_list", order=110))


def _plans_panel(actor: Membership, now: datetime) -> dict[str, Any]:
    plans = list(plans_for_actor(actor=actor).filter(status="active")[:5])
    return {"plans": plans}


dashboard_panel_register(
    DashboardPanel(
        key="plans.active",
        title=_("Participation plans"),
        template="plans/panels/plans.html",
        context=_plans_panel,
        order=100,
    )
)

for action, sentence in {
    "plan.created": _("created the plan %(label)s"),
    "plan.updated": _("changed the plan %(label)s"),
    "plan.archived": _("archived the plan %(label)s"),
    "plan.reopened": _("reopened the plan %(label)s"),
    "plan.rung_set": _("chose methods and yield in the plan %(label)s"),
    "stakeholder.created": _("added the stakeholder %(label)s"),
    "stakeholder.updated": _("changed the stakeholder %(label)s"),
    "stakeholder.deleted": _("removed the stakeholder %(label)s"),
    "moment.created": _("planned the moment %(label)s"),
    "moment.deleted": _("removed the planned moment %(label)s"),
    "method.created": _("added the method %(label)s"),
    "method.hidden": _("hid the method %(label)s"),
    "method.shown": _("showed the method %(label)s again"),
    "mapping.opened": _("opened a mapping session for %(label)s"),
    "mapping.closed": _("closed the mapping session for %(label)s"),
}.items():
    audit_action_register(action, sentence)
