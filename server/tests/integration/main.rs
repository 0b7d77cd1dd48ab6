//! The portal's integration tests, in one binary (one link step): HTTP pages and headers, the
//! command line, and journeys through login with the federal simulator as its own process.

mod access_matrix;
mod api;
mod applications;
mod backups;
mod bad_input;
mod catalog_admin;
mod cli;
mod cluster;
mod dashboard;
mod data_migration;
mod demo;
mod deploy;
mod federation;
mod http;
mod login;
mod notifications;
mod office;
mod opendata;
mod real_provider;
mod register;
mod replicas;
mod staff_audit;
mod status_check;
mod support;
mod webhooks;
