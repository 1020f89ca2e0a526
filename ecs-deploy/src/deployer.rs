//! The whole workflow behind one value: validate, observe, plan, apply, wait.

use ecs_model::{Application, ValidationErrors};

use crate::apply::{Applied, apply};
use crate::clients::Clients;
use crate::error::Error;
use crate::plan::{Plan, Step};
use crate::revisions::{Deregistered, RollbackTo, RolledBack};
use crate::run::{RunEvent, RunTask, RunWait, Started, Stopped};
use crate::state::Observed;
use crate::status::Status;
use crate::verify::Verification;
use crate::wait::{Progress, WaitOptions};

/// What happens during a deployment, for a caller that shows it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// The plan, before anything is changed.
    Planned(&'a Plan),
    /// A step is about to be carried out.
    Step(&'a Step),
    /// A look at the rollout.
    Progress(&'a Progress),
}

/// How to deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct DeployOptions {
    /// Plan only: change nothing.
    pub dry_run: bool,
    /// Wait for the service's deployment to finish (`None`: return once it started).
    pub wait: Option<WaitOptions>,
    /// Take over existing resources ecs-deploy did not create for this application (see
    /// [`plan::OWNERSHIP_MARK`](crate::plan::OWNERSHIP_MARK)): change them and mark them as its own. Without it,
    /// their changes are blocked.
    pub adopt: bool,
    /// Delete what is marked as the application's but no longer in its definition: services of
    /// its cluster (with their scaling) and schedules of its groups. Never by default.
    pub prune: bool,
}

impl DeployOptions {
    /// Plans and changes nothing.
    #[must_use]
    pub fn dry_run(mut self, on: bool) -> Self {
        self.dry_run = on;
        self
    }

    /// Waits for the deployment with `options`.
    #[must_use]
    pub fn wait(mut self, options: Option<WaitOptions>) -> Self {
        self.wait = options;
        self
    }

    /// Adopts existing resources the application does not own yet.
    #[must_use]
    pub fn adopt(mut self, on: bool) -> Self {
        self.adopt = on;
        self
    }

    /// Deletes the application's services and schedules that its definition no longer has.
    #[must_use]
    pub fn prune(mut self, on: bool) -> Self {
        self.prune = on;
        self
    }
}

/// What a deployment did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Deployment {
    /// The plan it carried out.
    pub plan: Plan,
    /// What was changed (`None` for a dry run).
    pub applied: Option<Applied>,
    /// The last look at each service's rollout, when it waited, in the application's order.
    pub rollouts: Vec<Progress>,
}

/// The entry point: deploys applications with one set of clients. Each method is one workflow,
/// built from the crate's free functions ([`observe`](crate::observe), [`Plan::new`],
/// [`apply`], [`wait_for_rollouts`](crate::wait::wait_for_rollouts), [`revisions`](crate::revisions),
/// [`verify`](crate::verify), [`status`](crate::status)) for a caller who wants them one by one.
#[derive(Debug, Clone)]
pub struct Deployer {
    clients: Clients,
}

impl Deployer {
    /// A deployer using `clients`.
    #[must_use]
    pub fn new(clients: Clients) -> Self {
        Self { clients }
    }

    /// A deployer using the standard AWS configuration (profile, region, `AWS_ENDPOINT_URL`).
    ///
    /// # Errors
    /// [`Error::Config`] when the configuration cannot be used.
    pub async fn from_env() -> Result<Self, Error> {
        Ok(Self::new(Clients::from_env().await?))
    }

    /// The clients.
    #[must_use]
    pub fn clients(&self) -> &Clients {
        &self.clients
    }

    /// Checks `app` before anything reaches AWS.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every ECS rule it breaks; [`Error::Unsupported`] when it is for
    /// another region than the clients'.
    pub fn check(&self, app: &Application) -> Result<(), Error> {
        ValidationErrors::check(app.validate())?;
        if let Some(region) = self.clients.ecs.config().region()
            && region.as_ref() != app.account.region
        {
            return Err(Error::Unsupported(format!(
                "the application is for region {} but the AWS configuration names {region}",
                app.account.region
            )));
        }
        Ok(())
    }

    /// What exists of `app`.
    ///
    /// # Errors
    /// As [`check`](Self::check), then an AWS error.
    pub async fn observe(&self, app: &Application) -> Result<Observed, Error> {
        self.check(app)?;
        crate::observe::observe(&self.clients, app).await
    }

    /// What deploying `app` would change ([`Plan::new`]).
    ///
    /// # Errors
    /// As [`observe`](Self::observe).
    pub async fn plan(&self, app: &Application) -> Result<Plan, Error> {
        let observed = self.observe(app).await?;
        Ok(Plan::new(app, &observed))
    }

    /// What deploying `app` with adoption would change ([`Plan::adopting`]).
    ///
    /// # Errors
    /// As [`observe`](Self::observe).
    pub async fn plan_adopting(&self, app: &Application) -> Result<Plan, Error> {
        let observed = self.observe(app).await?;
        Ok(Plan::adopting(app, &observed))
    }

    /// What deploying `app` with `options` would change: adopting and pruning as they say.
    ///
    /// # Errors
    /// As [`observe`](Self::observe).
    pub async fn plan_with(
        &self,
        app: &Application,
        options: DeployOptions,
    ) -> Result<Plan, Error> {
        let mut observed = self.observe(app).await?;
        if options.prune {
            crate::observe::orphans(&self.clients, app, &mut observed).await?;
        }
        Ok(if options.adopt {
            Plan::adopting(app, &observed)
        } else {
            Plan::new(app, &observed)
        })
    }

    /// Deploys `app`: checks it, plans, carries the plan out and (with `options.wait`) waits for
    /// every service's rollout at once, telling `on_event` as it goes. Running it again changes
    /// nothing.
    ///
    /// # Errors
    /// [`Error::Invalid`] and [`Error::Blocked`] before any change; then the first failed call;
    /// then a failed rollout or a timeout ([`Error::Rollouts`] when several services were
    /// watched: each one's outcome).
    pub async fn deploy(
        &self,
        app: &Application,
        options: DeployOptions,
        on_event: &mut (dyn FnMut(Event<'_>) + Send),
    ) -> Result<Deployment, Error> {
        if let Some(wait) = options.wait {
            for (_, service) in app.services() {
                crate::lifecycle::check_wait(service, wait.until)?;
            }
        }
        let plan = self.plan_with(app, options).await?;
        on_event(Event::Planned(&plan));
        if options.dry_run {
            return Ok(Deployment {
                plan,
                applied: None,
                rollouts: Vec::new(),
            });
        }
        let applied = apply(&self.clients, &plan, &mut |step| {
            on_event(Event::Step(step));
        })
        .await?;
        let rollouts = match options.wait {
            Some(wait) => {
                let on_progress =
                    std::sync::Mutex::new(|p: &Progress| on_event(Event::Progress(p)));
                crate::wait::wait_for_rollouts(&self.clients, app, &applied, wait, &on_progress)
                    .await?
            }
            None => Vec::new(),
        };
        Ok(Deployment {
            plan,
            applied: Some(applied),
            rollouts,
        })
    }

    /// Continues the deployment of `service` paused at a `PAUSE` hook, or with `rollback`
    /// returns it to the previous revision.
    ///
    /// # Errors
    /// See [`lifecycle::continue_deployment`](crate::lifecycle::continue_deployment).
    pub async fn continue_deployment(
        &self,
        cluster: &str,
        service: &str,
        rollback: bool,
    ) -> Result<crate::lifecycle::Continued, Error> {
        crate::lifecycle::continue_deployment(&self.clients, cluster, service, rollback).await
    }

    /// Rolls `service` back.
    ///
    /// # Errors
    /// See [`revisions::rollback`](crate::revisions::rollback).
    pub async fn rollback(
        &self,
        cluster: &str,
        service: &str,
        to: &RollbackTo,
    ) -> Result<RolledBack, Error> {
        crate::revisions::rollback(&self.clients, cluster, service, to).await
    }

    /// Deregisters old revisions of `family`, keeping the newest `keep` and every one in use.
    ///
    /// # Errors
    /// See [`revisions::deregister`](crate::revisions::deregister).
    pub async fn deregister(
        &self,
        family: &str,
        keep: std::num::NonZeroUsize,
    ) -> Result<Deregistered, Error> {
        crate::revisions::deregister(&self.clients, family, keep).await
    }

    /// Checks what `app` names against AWS.
    ///
    /// # Errors
    /// As [`check`](Self::check), then an AWS error.
    pub async fn verify(&self, app: &Application) -> Result<Verification, Error> {
        self.check(app)?;
        crate::verify::verify(&self.clients, app).await
    }

    /// The state of every service of `app`, in its order, read at once.
    ///
    /// # Errors
    /// The first service whose state cannot be read.
    pub async fn statuses(&self, app: &Application) -> Result<Vec<Status>, Error> {
        let reads = app.services().map(|(_, service)| {
            let cluster = service.cluster_name(app.cluster.name());
            async move { self.status(cluster, &service.service_name).await }
        });
        futures_util::future::try_join_all(reads).await
    }

    /// Rolls every service of `app` back to `to`, at once; each one's outcome is reported.
    ///
    /// # Errors
    /// The one service's error when `app` has one service; [`Error::Steps`] with every failed
    /// service otherwise (the others were rolled back).
    pub async fn rollback_all(
        &self,
        app: &Application,
        to: &RollbackTo,
    ) -> Result<Vec<RolledBack>, Error> {
        let runs = app.services().map(|(_, service)| {
            let cluster = service.cluster_name(app.cluster.name());
            async move {
                let resource = crate::Resource::Service {
                    cluster: cluster.to_owned(),
                    name: service.service_name.to_string(),
                };
                (
                    resource,
                    self.rollback(cluster, &service.service_name, to).await,
                )
            }
        });
        collect(futures_util::future::join_all(runs).await)
    }

    /// Deregisters old revisions of every family of `app`, keeping the newest `keep` of each
    /// and every one in use.
    ///
    /// # Errors
    /// As [`rollback_all`](Self::rollback_all), per family.
    pub async fn deregister_all(
        &self,
        app: &Application,
        keep: std::num::NonZeroUsize,
    ) -> Result<Vec<Deregistered>, Error> {
        let runs = app.task_definitions().map(|td| async move {
            let resource = crate::Resource::TaskDefinition(td.family.to_string());
            (resource, self.deregister(&td.family, keep).await)
        });
        collect(futures_util::future::join_all(runs).await)
    }

    /// Runs a one-off task of `app` ([`run::start`](crate::run::start)) and, with `wait`, waits
    /// until it stops ([`run::wait`](crate::run::wait)), telling `on_event` of its status and
    /// log lines.
    ///
    /// # Errors
    /// As [`check`](Self::check), then as [`run::start`](crate::run::start) and
    /// [`run::wait`](crate::run::wait). A task that exits with a non-zero code is not an error:
    /// see [`Stopped::exit_code`](crate::run::Stopped::exit_code).
    pub async fn run(
        &self,
        app: &Application,
        request: &RunTask,
        wait: Option<RunWait>,
        on_event: &mut (dyn FnMut(RunEvent<'_>) + Send),
    ) -> Result<(Started, Option<Stopped>), Error> {
        self.check(app)?;
        let started = crate::run::start(&self.clients, app, request).await?;
        on_event(RunEvent::Started(&started));
        let stopped = match wait {
            Some(wait) => Some(crate::run::wait(&self.clients, &started, &wait, on_event).await?),
            None => None,
        };
        Ok((started, stopped))
    }

    /// The state of a service.
    ///
    /// # Errors
    /// See [`status::status`](crate::status::status).
    pub async fn status(&self, cluster: &str, service: &str) -> Result<Status, Error> {
        crate::status::status(&self.clients, cluster, service, 5).await
    }
}

/// Every outcome's value; the one error, or [`Error::Steps`] with every failed one.
fn collect<T>(outcomes: Vec<(crate::Resource, Result<T, Error>)>) -> Result<Vec<T>, Error> {
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for (resource, outcome) in outcomes {
        match outcome {
            Ok(value) => done.push(value),
            Err(error) => failed.push((resource, error)),
        }
    }
    match failed.len() {
        0 => Ok(done),
        1 => Err(failed.remove(0).1),
        _ => Err(Error::Steps(failed)),
    }
}
