-- Network schema for PostgreSQL, version 5: the read model behind the workflow instance and task lists.
--
-- Written by the workflow instance grains after each change (through one group-committing writer, see
-- SqlWorkflowInstanceReadModel) and caught up from the stored instance states at every start. Tenant paths follow
-- 0004_read_model.sql: scope is the range S || '/' <= X < S || '0', which needs byte order whatever the database's
-- locale, hence COLLATE "C" on paths, keys and ids (so "ordered by id" is also the same as on SQLite).

-- One row per instance grain. state_version is the grain's own write counter: a row is only replaced by a write
-- with a greater version, so a late or replayed write never moves it backwards.
CREATE TABLE workflow_instance_list
(
    key                text COLLATE "C" NOT NULL PRIMARY KEY,
    id                 text COLLATE "C" NOT NULL,
    home_tenant        text COLLATE "C" NOT NULL,
    definition_id      text COLLATE "C" NOT NULL,
    definition_version integer          NOT NULL,
    status             text COLLATE "C" NOT NULL,
    started_at         timestamptz      NOT NULL,
    updated_at         timestamptz      NOT NULL,
    next_due_at        timestamptz      NULL,
    open_tasks         integer          NOT NULL,
    open_incidents     integer          NOT NULL,
    state_version      bigint           NOT NULL
);

-- The list is a tenant's subtree (a range of home_tenant), optionally one definition or status, newest first.
CREATE INDEX ix_workflow_instance_list_home ON workflow_instance_list (home_tenant, started_at);
CREATE INDEX ix_workflow_instance_list_definition ON workflow_instance_list (definition_id, status, home_tenant);
CREATE INDEX ix_workflow_instance_list_status ON workflow_instance_list (status, home_tenant);

-- The human tasks of an instance, replaced as a whole together with their instance's row. state_version is the
-- instance row's version when they were written.
CREATE TABLE workflow_task_list
(
    instance_key  text COLLATE "C" NOT NULL REFERENCES workflow_instance_list (key) ON DELETE CASCADE,
    task_id       text COLLATE "C" NOT NULL,
    instance_id   text COLLATE "C" NOT NULL,
    home_tenant   text COLLATE "C" NOT NULL,
    definition_id text COLLATE "C" NOT NULL,
    step_id       text COLLATE "C" NOT NULL,
    assigned_to   text COLLATE "C" NOT NULL,
    title         text             NOT NULL,
    due_at        timestamptz      NULL,
    status        text COLLATE "C" NOT NULL,
    created_at    timestamptz      NOT NULL,
    closed_at     timestamptz      NULL,
    state_version bigint           NOT NULL,
    PRIMARY KEY (instance_key, task_id)
);

-- A task list is mostly the open tasks of a subtree, by due time; assigned_to narrows it to one role.
CREATE INDEX ix_workflow_task_list_home ON workflow_task_list (home_tenant, status);
CREATE INDEX ix_workflow_task_list_status_due ON workflow_task_list (status, due_at, created_at);
CREATE INDEX ix_workflow_task_list_assigned ON workflow_task_list (assigned_to, status);

-- The tenants a task's role meant when it opened (the commitment's owners, the home tenant, the root, ...), in the
-- order the grain gave them (position): a task shows in their lists too. Replaced together with the task rows.
CREATE TABLE workflow_task_assignee
(
    instance_key text COLLATE "C" NOT NULL,
    task_id      text COLLATE "C" NOT NULL,
    tenant_path  text COLLATE "C" NOT NULL,
    position     integer          NOT NULL,
    PRIMARY KEY (instance_key, task_id, tenant_path),
    FOREIGN KEY (instance_key, task_id) REFERENCES workflow_task_list (instance_key, task_id) ON DELETE CASCADE
);

CREATE INDEX ix_workflow_task_assignee_path ON workflow_task_assignee (tenant_path, instance_key, task_id);
