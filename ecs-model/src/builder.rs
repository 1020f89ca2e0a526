//! The one way to build a resource: `X::builder(…)` or a named constructor gives an `XBuilder`,
//! setters adjust it, and [`build`](crate::TaskDefinitionBuilder::build) runs the resource's
//! validation, the same call for every resource.

/// Declares the builder of a resource: the struct, `build()`, `build_unchecked()`, the `with`
/// escape hatch, `into_builder()` on the resource, and `From<Builder>` for the resource (unchecked:
/// what takes a resource where an enclosing `build()` validates it, as an
/// [`Application`](crate::Application) does, takes its builder too).
macro_rules! builder {
    ($(#[doc = $doc:literal])* $builder:ident { $field:ident } => $resource:ident) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq)]
        #[must_use = "a builder does nothing until `build()`"]
        pub struct $builder {
            $field: $resource,
        }

        impl $resource {
            /// Continues building from this value.
            pub fn into_builder(self) -> $builder {
                $builder { $field: self }
            }
        }

        impl $builder {
            /// Validates the value (as its `validate()` does) and returns it.
            ///
            /// # Errors
            /// Every error found; warnings never fail a build.
            pub fn build(self) -> Result<$resource, $crate::ValidationErrors> {
                $crate::ValidationErrors::check(self.$field.validate()).map(|()| self.$field)
            }

            /// The value as it stands, without validation.
            #[must_use]
            pub fn build_unchecked(self) -> $resource {
                self.$field
            }

            /// Applies `f` to the value: the escape hatch for anything without a setter.
            pub fn with<R>(mut self, f: impl FnOnce(&mut $resource) -> R) -> Self {
                f(&mut self.$field);
                self
            }
        }

        impl From<$builder> for $resource {
            /// The value as it stands, without validation.
            fn from(builder: $builder) -> Self {
                builder.$field
            }
        }
    };
}
pub(crate) use builder;
