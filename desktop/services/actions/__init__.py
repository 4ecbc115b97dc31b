"""The action log: finding actions fast, one action in full, editing, updates, withdrawal,
"to close" confirmation, and the log as a document.

Plain Python, no Qt. Every change is one call and one transaction; bad input raises
`ActionError` (a ValueError) with a plain message, and nothing is changed.
"""

from desktop.services.actions.common import (
    AMBER_DAYS,
    RAG_NAMES,
    STATUS_NAMES,
    ActionError,
    ActionRow,
    UnknownOwners,
    is_overdue,
    suggested_rag,
)
from desktop.services.actions.detail import ActionDetail, UpdateRow, action_detail
from desktop.services.actions.editing import (
    SUGGESTED,
    ActionEdit,
    NewUpdate,
    add_update,
    confirm_to_close,
    edit_action,
    withdraw_action,
)
from desktop.services.actions.log import ActionLog, action_log
from desktop.services.actions.queries import (
    SORTS,
    ActionFilter,
    AgencyChoice,
    OwnerChoice,
    OwnerRef,
    action_rows,
    agency_choices,
    find_action_ids,
    find_owner,
    owner_choices,
)

__all__ = [
    "AMBER_DAYS",
    "RAG_NAMES",
    "SORTS",
    "STATUS_NAMES",
    "SUGGESTED",
    "ActionDetail",
    "ActionEdit",
    "ActionError",
    "ActionFilter",
    "ActionLog",
    "ActionRow",
    "AgencyChoice",
    "NewUpdate",
    "OwnerChoice",
    "OwnerRef",
    "UnknownOwners",
    "UpdateRow",
    "action_detail",
    "action_log",
    "action_rows",
    "add_update",
    "agency_choices",
    "confirm_to_close",
    "edit_action",
    "find_action_ids",
    "find_owner",
    "is_overdue",
    "owner_choices",
    "suggested_rag",
    "withdraw_action",
]
