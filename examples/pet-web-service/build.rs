//! Generates this service's task definition from its config struct (`src/config.rs`) at build
//! time: a definition that breaks an ECS rule fails `cargo build`, with every problem and its
//! path, long before a deployment would.

#[path = "src/config.rs"]
#[allow(dead_code)] // the build script only uses the derived definitions
mod config;

use ecs_model::Task as _;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/config.rs");
    println!("cargo::rerun-if-env-changed=PET_WEB_IMAGE_TAG");
    // CI passes the tag of the image it pushed; local builds keep the declared `latest`.
    let tag = std::env::var("PET_WEB_IMAGE_TAG").ok();

    let task_definition = config::PetWebTask::task()
        .with(|td| {
            if let (Some(tag), Some(web)) = (&tag, td.container_mut("nextjs-container")) {
                let repository = web
                    .image
                    .rsplit_once(':')
                    .map_or(web.image.as_str(), |(r, _)| r);
                web.image = format!("{repository}:{tag}").into();
            }
        })
        .build();

    let task_definition = match task_definition {
        Ok(td) => td,
        Err(errors) => {
            for error in errors.diagnostics() {
                println!("cargo::error=task definition: {error}");
            }
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("task-definition.json"),
        task_definition.to_json_pretty(),
    )
    .expect("OUT_DIR is writable");
}
