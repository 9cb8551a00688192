-- Network schema for SQLite, version 3: the read model behind the workflow instance and task lists.
--
-- Written by the workflow instance grains after each change (through one group-committing writer, see
-- SqlWorkflowInstanceReadModel) and caught up from the stored instance states at every start. Tenant paths and
-- instants follow 0002_read_model.sql: scope is the range S || '/' <= X < S || '0' under the BINARY collation,
-- instants are ISO 8601 UTC text (yyyy-MM-ddTHH:mm:ss.ffffffZ), which sorts in time order.

-- One row per instance grain. state_version is the grain's own write counter: a row is only replaced by a write
-- with a greater version, so a late or replayed write never moves it backwards.
CREATE TABLE workflow_instance_list
(
    key                TEXT    NOT NULL PRIMARY KEY,
    id                 TEXT    NOT NULL,
    home_tenant        TEXT    NOT NULL,
    definition_id      TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    started_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    next_due_at        TEXT    NULL,
    open_tasks         INTEGER NOT NULL,
    open_incidents     INTEGER NOT NULL,
    state_version      INTEGER NOT NULL
) WITHOUT ROWID;

-- The list is a tenant's subtree (a range of home_tenant), optionally one definition or status, newest first.
CREATE INDEX ix_workflow_instance_list_home ON workflow_instance_list (home_tenant, started_at);
CREATE INDEX ix_workflow_instance_list_definition ON workflow_instance_list (definition_id, status, home_tenant);
CREATE INDEX ix_workflow_instance_list_status ON workflow_instance_list (status, home_tenant);

-- The human tasks of an instance, replaced as a whole together with their instance's row. state_version is the
-- instance row's version when they were written.
CREATE TABLE workflow_task_list
(
    instance_key  TEXT    NOT NULL REFERENCES workflow_instance_list (key) ON DELETE CASCADE,
    task_id       TEXT    NOT NULL,
    instance_id   TEXT    NOT NULL,
    home_tenant   TEXT    NOT NULL,
    definition_id TEXT    NOT NULL,
    step_id       TEXT    NOT NULL,
    assigned_to   TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    due_at        TEXT    NULL,
    status        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    closed_at     TEXT    NULL,
    state_version INTEGER NOT NULL,
    PRIMARY KEY (instance_key, task_id)
) WITHOUT ROWID;

-- A task list is mostly the open tasks of a subtree, by due time; assigned_to narrows it to one role.
CREATE INDEX ix_workflow_task_list_home ON workflow_task_list (home_tenant, status);
CREATE INDEX ix_workflow_task_list_status_due ON workflow_task_list (status, due_at, created_at);
CREATE INDEX ix_workflow_task_list_assigned ON workflow_task_list (assigned_to, status);

-- The tenants a task's role meant when it opened (the commitment's owners, the home tenant, the root, ...), in the
-- order the grain gave them (position): a task shows in their lists too. Replaced together with the task rows.
CREATE TABLE workflow_task_assignee
(
    instance_key TEXT    NOT NULL,
    task_id      TEXT    NOT NULL,
    tenant_path  TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (instance_key, task_id, tenant_path),
    FOREIGN KEY (instance_key, task_id) REFERENCES workflow_task_list (instance_key, task_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX ix_workflow_task_assignee_path ON workflow_task_assignee (tenant_path, instance_key, task_id);
